using TrafficWatch.Capture;

namespace TrafficWatch.Tests.Capture;

public sealed class InputExpanderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("a.pcap", true)]
    [InlineData("A.PCAPNG", true)]
    [InlineData("trace.cap", true)]
    [InlineData("trace.pcap.3", true)]
    [InlineData("trace.pcap12", true)]
    [InlineData("trace.pcapng.1", true)]
    [InlineData(".pcap", false)]
    [InlineData("notes.txt", false)]
    [InlineData("source.json", false)]
    [InlineData("trace.pcap.gz", false)]
    [InlineData("pcap", false)]
    public void Capture_file_names_are_recognised(string name, bool expected)
        => Assert.Equal(expected, InputExpander.HasCaptureFileName(name));

    [Fact]
    public void Directory_expands_to_capture_files_sorted_by_name_and_notes_the_rest()
    {
        new PcapFileBuilder().WriteTo(_dir.File("b.pcap"));
        new PcapNgFileBuilder().WriteTo(_dir.File("a.pcapng"));
        new PcapFileBuilder().WriteTo(_dir.File("c.pcap.1"));
        new PcapFileBuilder().WriteTo(_dir.File("d.cap"));
        new PcapFileBuilder().WriteTo(_dir.File("rotated-0001"));  // no capture name, but pcap magic
        File.WriteAllText(_dir.File("notes.txt"), "hello");
        File.WriteAllText(_dir.File("source.json"), "{}");
        Directory.CreateDirectory(_dir.File("sub"));
        new PcapFileBuilder().WriteTo(Path.Combine(_dir.File("sub"), "nested.pcap"));

        var result = InputExpander.Expand([_dir.Path]);

        Assert.Equal(["a.pcapng", "b.pcap", "c.pcap.1", "d.cap", "rotated-0001"], result.Files.Select(Path.GetFileName));
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Notes.Count);
        Assert.Contains(result.Notes, n => n.Contains("notes.txt", StringComparison.Ordinal) && n.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_path_and_directory_without_captures_are_errors()
    {
        var empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        var missing = _dir.File("nope.pcap");

        var result = InputExpander.Expand([missing, empty]);

        Assert.Empty(result.Files);
        Assert.Equal([missing, empty], result.Errors.Select(e => e.Source));
    }

    [Fact]
    public void Explicit_file_is_kept_whatever_its_name()
    {
        var path = new PcapFileBuilder().Add(1, 0, [1, 2, 3]).WriteTo(_dir.File("capture.bin"));

        var result = InputExpander.Expand([path]);

        Assert.Equal([path], result.Files);
    }

    [Fact]
    public void Opening_a_directory_merges_its_files_and_exposes_notes()
    {
        new PcapFileBuilder().Add(2, 0, [2]).WriteTo(_dir.File("x.pcap"));
        new PcapFileBuilder().Add(1, 0, [1]).WriteTo(_dir.File("y.pcap"));
        File.WriteAllText(_dir.File("README"), "not a capture");

        using var source = CaptureFiles.Open([_dir.Path]);
        var frames = FrameCopy.ReadAll(source);

        Assert.Equal([1, 2], frames.Select(f => (int)f.Data[0]));
        Assert.Equal([1, 0], frames.Select(f => (int)f.SourceIndex));
        Assert.Single(source.Notes);
        Assert.Empty(source.Errors);
        Assert.Contains("2 files", source.Description, StringComparison.Ordinal);
    }
}
