namespace TrafficWatch.Tests.Flows;

/// <summary>
/// Tests that read process-wide heap numbers: run alone (xunit runs non-parallel collections after the others),
/// so other test classes allocating at the same time do not show up in the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Flows memory measurement";
}
