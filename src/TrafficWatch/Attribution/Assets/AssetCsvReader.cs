using System.Text;

namespace TrafficWatch.Attribution.Assets;

/// <summary>
/// RFC 4180 record splitter for the asset register: quoted fields (with <c>""</c> for a quote, commas and line
/// breaks inside), unquoted fields trimmed, <c>#</c> comment lines and blank lines skipped. Tracks the line each
/// record starts on.
/// </summary>
internal sealed class AssetCsvReader(string text)
{
    private const int MaxFieldsPerRecord = 64;
    private int _position;
    private int _line = 1;

    /// <summary>Reads the next record; false at the end. <paramref name="error"/> is set for a malformed record (skipped).</summary>
    public bool TryRead(out List<string> fields, out int startLine, out string? error)
    {
        fields = [];
        error = null;
        SkipBlankAndCommentLines();
        startLine = _line;
        if (_position >= text.Length)
        {
            return false;
        }
        var field = new StringBuilder();
        while (true)
        {
            field.Clear();
            var quoted = false;
            SkipSpaces();
            if (_position < text.Length && text[_position] == '"')
            {
                quoted = true;
                _position++;
                var closed = false;
                while (_position < text.Length)
                {
                    var c = text[_position++];
                    if (c == '"')
                    {
                        if (_position < text.Length && text[_position] == '"')
                        {
                            field.Append('"');
                            _position++;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (c == '\n')
                    {
                        _line++;
                    }
                    field.Append(c);
                }
                if (!closed)
                {
                    error = "unterminated quoted field (a '\"' opens a field that never closes)";
                    _position = text.Length;
                    return true;
                }
                SkipSpaces();
                if (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
                {
                    error = "unexpected text after a closing quote (write \"\" for a quote inside a quoted field)";
                    SkipToEndOfLine();
                    return true;
                }
            }
            else
            {
                while (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
                {
                    var c = text[_position++];
                    if (c == '"')
                    {
                        error = "a '\"' inside an unquoted field (quote the whole field and write \"\" for the quote)";
                        SkipToEndOfLine();
                        return true;
                    }
                    field.Append(c);
                }
            }
            fields.Add(quoted ? field.ToString() : field.ToString().Trim());
            if (fields.Count > MaxFieldsPerRecord)
            {
                error = $"more than {MaxFieldsPerRecord} fields";
                SkipToEndOfLine();
                return true;
            }
            if (_position < text.Length && text[_position] == ',')
            {
                _position++;
                continue;
            }
            EndOfLine();
            return true;
        }
    }

    private void SkipBlankAndCommentLines()
    {
        while (_position < text.Length)
        {
            var start = _position;
            SkipSpaces();
            if (_position < text.Length && text[_position] == '#')
            {
                SkipToEndOfLine();
                continue;
            }
            if (_position < text.Length && text[_position] is '\r' or '\n')
            {
                EndOfLine();
                continue;
            }
            _position = start;
            return;
        }
    }

    private void SkipSpaces()
    {
        while (_position < text.Length && text[_position] is ' ' or '\t')
        {
            _position++;
        }
    }

    private void SkipToEndOfLine()
    {
        while (_position < text.Length && text[_position] is not ('\r' or '\n'))
        {
            _position++;
        }
        EndOfLine();
    }

    private void EndOfLine()
    {
        if (_position < text.Length && text[_position] == '\r')
        {
            _position++;
        }
        if (_position < text.Length && text[_position] == '\n')
        {
            _position++;
        }
        _line++;
    }
}
