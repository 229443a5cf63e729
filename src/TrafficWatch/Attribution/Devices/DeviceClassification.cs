namespace TrafficWatch.Attribution.Devices;

/// <summary>The class chosen for a device, how sure it is (0..1), and every piece of evidence considered.</summary>
/// <param name="Class">The class with the highest combined score; <see cref="DeviceClass.Unknown"/> without evidence.</param>
/// <param name="Confidence">
/// The winner's combined score, reduced when another class also has support: score × (1 − runner-up score / 2).
/// </param>
/// <param name="Evidence">All evidence, the winner's first, then by weight (descending), kind and value.</param>
public sealed record DeviceClassification(DeviceClass Class, double Confidence, IReadOnlyList<ClassEvidence> Evidence)
{
    public static DeviceClassification Unknown { get; } = new(DeviceClass.Unknown, 0, []);
}
