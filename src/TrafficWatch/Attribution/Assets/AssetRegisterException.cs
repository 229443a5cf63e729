namespace TrafficWatch.Attribution.Assets;

/// <summary>The asset register could not be loaded. <see cref="Exception.Message"/> lists every problem as <c>file:line: problem</c>.</summary>
public sealed class AssetRegisterException : Exception
{
    public AssetRegisterException(string filePath, IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        FilePath = filePath;
        Problems = problems;
    }

    public AssetRegisterException(string filePath, IReadOnlyList<string> problems, Exception innerException)
        : base(string.Join(Environment.NewLine, problems), innerException)
    {
        FilePath = filePath;
        Problems = problems;
    }

    public string FilePath { get; }

    /// <summary>One <c>file:line: problem</c> line each, in file order.</summary>
    public IReadOnlyList<string> Problems { get; }
}
