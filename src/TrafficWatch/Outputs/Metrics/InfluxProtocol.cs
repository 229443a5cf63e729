namespace TrafficWatch.Outputs.Metrics;

/// <summary>Which InfluxDB write API to use.</summary>
public enum InfluxProtocol
{
    /// <summary>Ask GET /ping: X-Influxdb-Version 1.x means v1; 2.x/3.x means v2 unless only v1 credentials are set.</summary>
    Auto,
    /// <summary>InfluxDB 1.x <c>/write?db=&amp;rp=&amp;precision=ns</c> (also the 2.x/3.x v1-compatibility API).</summary>
    V1,
    /// <summary>InfluxDB 2.x <c>/api/v2/write</c> with org, bucket and token (through InfluxDB.Client).</summary>
    V2,
}
