namespace TrafficWatch.Detection;

/// <summary>
/// <c>new-device</c>: a device appears on a restricted zone (<see cref="DeviceFacts.DeviceRestricted"/>) that is not
/// in the council's asset register (<see cref="AlertDevice.Registered"/> false), judged when it is first seen.
/// Without a configured register see <see cref="NewDeviceOptions.OnlyWhenRegisterConfigured"/>. Keeps no state per
/// device (the device table says whether it is the first sighting).
/// </summary>
public sealed class NewDeviceDetector : IDetector
{
    private readonly NewDeviceOptions _options;
    private readonly bool _registerConfigured;
    private readonly long _learningNs;
    private long _firstObservation = long.MinValue;

    /// <param name="options">Parameters.</param>
    /// <param name="registerConfigured">True when an asset register was loaded (so <see cref="AlertDevice.Registered"/> means something).</param>
    public NewDeviceDetector(NewDeviceOptions options, bool registerConfigured)
    {
        options.Validate();
        _options = options;
        _registerConfigured = registerConfigured;
        _learningNs = options.LearningSeconds * PacketTime.NanosPerSecond;
    }

    public string Rule => AlertRules.NewDevice.Rule;

    public void OnDevice(DeviceFacts device, IAlertSink alerts)
    {
        var now = device.Time.Nanoseconds;
        if (_firstObservation == long.MinValue)
        {
            _firstObservation = now;
        }
        if (!_options.Enabled || !device.FirstSeen || !device.DeviceRestricted || device.Device.Registered)
        {
            return;
        }
        string why;
        if (_registerConfigured)
        {
            why = "it is not in the council's asset register";
        }
        else if (!_options.OnlyWhenRegisterConfigured && now - _firstObservation >= _learningNs)
        {
            why = $"it was not seen in the first {AlertText.Duration(_options.LearningSeconds)} of monitoring";
        }
        else
        {
            return;
        }
        var d = device.Device;
        var zone = string.IsNullOrEmpty(d.Zone) ? "a restricted network" : $"the restricted network '{AlertText.Bound(d.Zone)}'";
        // A device without a name is already shown by its MAC and address.
        var identity = string.IsNullOrEmpty(d.Name) ? ""
            : d.Address is { } address ? $" (MAC {d.Mac}, address {Decode.IpAddr.ToString(address)})" : $" (MAC {d.Mac})";
        var explanation = $"{AlertText.Device(d)}{identity} appeared on {zone}, but {why}; an unknown device here may be a rogue or swapped camera, or an intruder's laptop.";
        alerts.OnAlert(AlertText.Create(AlertRules.NewDevice, device.Time, d, explanation) with
        {
            FirstSeen = device.Time,
            LastSeen = device.Time,
            Advice = "Check whether this device was installed on purpose; if so add it to the asset register, otherwise unplug it.",
        });
    }
}
