using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrafficWatch.Outputs.Eve;

/// <summary>
/// Writes Suricata-style EVE JSON lines (one object per line) to a stream. One writer per output;
/// not thread-safe (the flow thread owns it). Strings are escaped by <see cref="Utf8JsonWriter"/>,
/// so text that came off the wire cannot break a line or inject fields.
/// </summary>
public sealed class EveWriter : IDisposable
{
    private static readonly JsonWriterOptions s_options = new()
    {
        // Escape HTML-sensitive and non-ASCII characters too: the output may end up in web UIs.
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
        SkipValidation = false,
    };

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private const int FlushThreshold = 1 << 16;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private long _events;

    public EveWriter(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        // The JSON writer fills a buffer we hand to the stream in 64 KiB pieces: Utf8JsonWriter.Flush on a Stream
        // would flush the file after every event (one write system call per event showed as a quarter of a replay).
        _json = new Utf8JsonWriter(_buffer, s_options);
    }

    /// <summary>Opens a file (appending, like Suricata) or standard output for "-".</summary>
    public static EveWriter Open(string path)
    {
        if (path == "-")
        {
            return new EveWriter(Console.OpenStandardOutput(), ownsStream: false);
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return new EveWriter(fs, ownsStream: true);
    }

    public long EventsWritten => _events;

    /// <summary>Starts one event: the caller writes the body into the returned writer, then calls <see cref="EndEvent"/>.</summary>
    public Utf8JsonWriter BeginEvent(PacketTime timestamp, string eventType)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("timestamp"u8, timestamp.ToEveString());
        _json.WriteString("event_type"u8, eventType);
        return _json;
    }

    public void EndEvent()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _events++;
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            WriteBuffer();
        }
    }

    public void Flush()
    {
        _json.Flush();
        WriteBuffer();
        _stream.Flush();
    }

    private void WriteBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
