namespace TrafficWatch.Decode.App;

/// <summary>
/// A parser that can be driven by a fuzzer (Garnet's <c>IFuzzerTarget</c>): <see cref="Fuzz"/> feeds it arbitrary
/// bytes and must never throw, loop without bound or read outside the input.
/// </summary>
public interface IAppFuzzTarget
{
    /// <summary>Parses <paramref name="input"/> and discards the result. Never throws.</summary>
    static abstract void Fuzz(ReadOnlySpan<byte> input);
}
