namespace TrafficWatch.Detection;

/// <summary>Builds the behavioural detectors (everything except the policy rules) from their options.</summary>
public static class BehaviouralDetectors
{
    /// <summary>
    /// One instance of each enabled detector, in signature id order (an array: <c>foreach</c> over it does not allocate). The detectors are not thread-safe and keep
    /// per-device state: feed all of them from one thread (every fact about a device must reach the same instance).
    /// </summary>
    /// <param name="options">Parameters (validated here).</param>
    /// <param name="registerConfigured">True when an asset register was loaded (see <see cref="NewDeviceOptions"/>).</param>
    public static IDetector[] Create(BehaviouralDetectorOptions options, bool registerConfigured)
    {
        options.Validate();
        var detectors = new List<IDetector>(7);
        if (options.ExfilVolume.Enabled)
        {
            detectors.Add(new ExfilVolumeDetector(options.ExfilVolume));
        }
        if (options.DirectIp.Enabled)
        {
            detectors.Add(new DirectIpDetector(options.DirectIp));
        }
        if (options.NewDestination.Enabled)
        {
            detectors.Add(new NewDestinationDetector(options.NewDestination));
        }
        if (options.Beaconing.Enabled)
        {
            detectors.Add(new BeaconingDetector(options.Beaconing));
        }
        if (options.DnsTunnel.Enabled)
        {
            detectors.Add(new DnsTunnelDetector(options.DnsTunnel));
        }
        if (options.NewDevice.Enabled)
        {
            detectors.Add(new NewDeviceDetector(options.NewDevice, registerConfigured));
        }
        if (options.CleartextManagement.Enabled)
        {
            detectors.Add(new CleartextManagementDetector(options.CleartextManagement));
        }
        return [.. detectors];
    }
}
