using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace TrafficWatch.Outputs.Email;

/// <summary>
/// The durable queue between composing a mail and the SMTP server accepting it. Each mail is a MIME file
/// <c>{sequence:D16}.eml</c>, written to a temporary name, flushed to disk and renamed, so an entry either exists
/// whole or not at all. After the server accepted a mail (250), its entry name and Message-Id are appended to
/// <c>delivered.journal</c> (flushed) before the file is deleted; at start-up any entry whose name and Message-Id
/// are in the journal is deleted without sending, so a crash between the server's reply and the delete does not
/// send the mail twice. (A crash between the 250 and the journal write, a few microseconds, resends the mail with
/// the same Message-Id, which mail stores can de-duplicate.) Mails the server refused for good go to <c>failed/</c>.
/// Thread-safe: the flow thread enqueues, the sender thread delivers. One process at a time: <c>outbox.lock</c> is
/// held open exclusively, so a replay started with the live sensor's configuration cannot send the same entries.
/// </summary>
internal sealed class MailOutbox : IDisposable
{
    public const string LockName = "outbox.lock";
    public const string Extension = ".eml";
    public const string JournalName = "delivered.journal";
    public const string FailedFolder = "failed";
    private const string TempExtension = ".tmp";

    private readonly Lock _gate = new();
    private readonly LinkedList<OutboxEntry> _entries = new();
    private readonly string _directory;
    private readonly string _journalPath;
    private readonly ILogger _logger;
    private readonly FileStream _lock;
    private long _nextSequence;

    /// <summary>Opens (creating) the outbox and recovers what an earlier run left. Throws <see cref="IOException"/>
    /// when another process holds the outbox or the directory cannot be used.</summary>
    public MailOutbox(string directory, ILogger logger)
    {
        _directory = Path.GetFullPath(directory);
        _journalPath = Path.Combine(_directory, JournalName);
        _logger = logger;
        System.IO.Directory.CreateDirectory(_directory);
        try
        {
            _lock = new FileStream(Path.Combine(_directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"e-mail outbox {_directory} is in use by another TrafficWatch process ({ex.Message})", ex);
        }
        try
        {
            Recover();
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    public string Directory => _directory;

    /// <summary>Entries recovered at start-up that still had to be sent.</summary>
    public int Recovered { get; private set; }

    /// <summary>Entries found at start-up that the journal showed were already delivered (deleted, not resent).</summary>
    public int AlreadyDelivered { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Writes the mail durably; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the disk fails.</summary>
    public OutboxEntry Enqueue(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var sequence = _nextSequence;
            var path = Path.Combine(_directory, sequence.ToString("D16", CultureInfo.InvariantCulture) + Extension);
            var temp = path + TempExtension;
            try
            {
                System.IO.Directory.CreateDirectory(_directory);
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024))
                {
                    message.WriteTo(stream);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
            _nextSequence = sequence + 1;
            var entry = new OutboxEntry(path, sequence);
            _entries.AddLast(entry);
            return entry;
        }
    }

    public bool TryPeekOldest(out OutboxEntry entry)
    {
        lock (_gate)
        {
            entry = _entries.First?.Value!;
            return entry is not null;
        }
    }

    public static MimeMessage Load(OutboxEntry entry) => MimeMessage.Load(entry.Path);

    /// <summary>The server accepted the mail: journal it, then delete it.</summary>
    public void MarkDelivered(OutboxEntry entry, string messageId)
    {
        var line = $"{entry.Name}\t{messageId}\n";
        try
        {
            using var journal = new FileStream(_journalPath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096);
            journal.Write(Encoding.UTF8.GetBytes(line));
            journal.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EmailLog.OutboxIoFailed(_logger, _journalPath, ex.Message); // the delete below still keeps it from a resend in this run
        }
        TryDelete(entry.Path);
        lock (_gate)
        {
            _entries.Remove(entry);
            if (_entries.Count == 0)
            {
                // Nothing left that the journal could refer to; keep it from growing in a long run.
                TryDelete(_journalPath);
            }
        }
    }

    /// <summary>The server refused the mail for good (5xx), or the file is unreadable: keep it in <c>failed/</c> for a person.</summary>
    public void MoveToFailed(OutboxEntry entry)
    {
        try
        {
            var failed = Path.Combine(_directory, FailedFolder);
            System.IO.Directory.CreateDirectory(failed);
            File.Move(entry.Path, Path.Combine(failed, entry.Name), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EmailLog.OutboxIoFailed(_logger, entry.Path, ex.Message);
            TryDelete(entry.Path);
        }
        lock (_gate)
        {
            _entries.Remove(entry);
        }
    }

    public void Dispose() => _lock.Dispose();

    private void Recover()
    {
        var delivered = ReadJournal(out var maxJournaled);
        var files = System.IO.Directory.GetFiles(_directory);
        Array.Sort(files, StringComparer.Ordinal);
        var maxSequence = maxJournaled;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(TempExtension, StringComparison.Ordinal))
            {
                TryDelete(file); // never renamed, so never handed to the sender
                continue;
            }
            if (!TryParseName(name, out var sequence))
            {
                continue;
            }
            maxSequence = Math.Max(maxSequence, sequence);
            if (delivered.TryGetValue(name, out var deliveredId) && string.Equals(ReadMessageId(file), deliveredId, StringComparison.Ordinal))
            {
                AlreadyDelivered++;
                TryDelete(file);
                continue;
            }
            _entries.AddLast(new OutboxEntry(file, sequence));
        }
        _nextSequence = maxSequence + 1;
        Recovered = _entries.Count;
        if (_entries.Count == 0)
        {
            TryDelete(_journalPath);
        }
        if (Recovered > 0 || AlreadyDelivered > 0)
        {
            EmailLog.OutboxRecovered(_logger, _directory, Recovered, AlreadyDelivered);
        }
    }

    private Dictionary<string, string> ReadJournal(out long maxSequence)
    {
        var delivered = new Dictionary<string, string>(StringComparer.Ordinal);
        maxSequence = -1;
        if (!File.Exists(_journalPath))
        {
            return delivered;
        }
        foreach (var line in File.ReadLines(_journalPath))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue; // a torn last line: that mail's delete never happened either, so it is resent
            }
            var name = line[..tab];
            delivered[name] = line[(tab + 1)..];
            if (TryParseName(name, out var sequence))
            {
                maxSequence = Math.Max(maxSequence, sequence);
            }
        }
        return delivered;
    }

    private string? ReadMessageId(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var headers = HeaderList.Load(stream);
            return headers[HeaderId.MessageId] is { } id ? MimeKit.Utils.MimeUtils.EnumerateReferences(id).FirstOrDefault() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            EmailLog.OutboxIoFailed(_logger, path, ex.Message);
            return null;
        }
    }

    private static bool TryParseName(string name, out long sequence)
    {
        sequence = 0;
        return name.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(0, name.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            EmailLog.OutboxIoFailed(_logger, path, ex.Message);
        }
    }
}
