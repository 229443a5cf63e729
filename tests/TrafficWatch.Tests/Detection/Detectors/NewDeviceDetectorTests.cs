using TrafficWatch.Detection;
using static TrafficWatch.Tests.Detection.Detectors.Facts;

namespace TrafficWatch.Tests.Detection.Detectors;

public sealed class NewDeviceDetectorTests
{
    private readonly CollectingAlertSink _sink = new();

    [Fact]
    public void An_unregistered_device_on_a_restricted_zone_alerts_when_a_register_is_configured()
    {
        var detector = new NewDeviceDetector(new NewDeviceOptions(), registerConfigured: true);
        detector.OnDevice(new DeviceFacts(Camera(9, name: null, registered: false), true, true, At(5)), _sink);
        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("new-device", 9100009, AlertSeverity.Low), (alert.Rule, alert.SignatureId, alert.Severity));
        Assert.Null(alert.Destination);
        Assert.Equal(
            "Camera 44:19:b6:00:00:09 (10.20.0.9) (Hikvision) appeared on the restricted network 'cctv', "
            + "but it is not in the council's asset register; an unknown device here may be a rogue or swapped camera, or an intruder's laptop.",
            alert.Explanation);
    }

    [Fact]
    public void Registered_known_and_unrestricted_devices_do_not_alert()
    {
        var detector = new NewDeviceDetector(new NewDeviceOptions(), registerConfigured: true);
        detector.OnDevice(new DeviceFacts(Camera(1, registered: true), true, true, At(5)), _sink);
        detector.OnDevice(new DeviceFacts(Camera(2, registered: false), true, false, At(6)), _sink);   // not its first sighting
        detector.OnDevice(new DeviceFacts(Office(3), false, true, At(7)), _sink);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Without_a_register_nothing_alerts_by_default()
    {
        var detector = new NewDeviceDetector(new NewDeviceOptions(), registerConfigured: false);
        detector.OnDevice(new DeviceFacts(Camera(1, registered: false), true, true, At(0)), _sink);
        detector.OnDevice(new DeviceFacts(Camera(2, registered: false), true, true, At(7_200)), _sink);
        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void Without_a_register_late_arrivals_alert_when_asked()
    {
        var detector = new NewDeviceDetector(new NewDeviceOptions { OnlyWhenRegisterConfigured = false }, registerConfigured: false);
        detector.OnDevice(new DeviceFacts(Camera(1, registered: false), true, true, At(0)), _sink);
        detector.OnDevice(new DeviceFacts(Camera(2, registered: false), true, true, At(3_599)), _sink);
        Assert.Empty(_sink.Alerts);
        detector.OnDevice(new DeviceFacts(Camera(3, "new-cam", registered: false), true, true, At(3_600)), _sink);
        Assert.StartsWith("Camera 'new-cam' (Hikvision) (MAC 44:19:b6:00:00:03, address 10.20.0.3) appeared on the restricted network 'cctv', "
            + "but it was not seen in the first 1 hour of monitoring;", Assert.Single(_sink.Alerts).Explanation, StringComparison.Ordinal);
    }
}
