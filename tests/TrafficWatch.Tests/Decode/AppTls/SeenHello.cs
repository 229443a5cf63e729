using TrafficWatch.Decode.App.Tls;

namespace TrafficWatch.Tests.Decode.AppTls;

/// <summary>A ClientHello the scan completed, at the frame where its last segment arrived.</summary>
internal sealed record SeenHello(int Frame, Direction Direction, TlsClientHello Hello);
