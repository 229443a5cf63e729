using System.Runtime.InteropServices;

namespace TrafficWatch.Decode.App;

/// <summary>
/// What <see cref="DhcpMessageParser"/> gathers while it walks the option areas: option order, and the bytes of
/// the options that RFC 3396 lets a client split (concatenated in the order met).
/// </summary>
/// <remarks>NOTE: a mutable struct, passed by ref; do not make it readonly.</remarks>
internal struct DhcpOptionState
{
    private List<byte>? _codes;
    private List<byte>? _hostname;
    private List<byte>? _prl;
    private List<byte>? _vendorClass;
    private List<byte>? _clientId;
    private List<byte>? _fqdn;

    /// <summary>Records the option code; false once <see cref="DhcpMessageParser.MaxOptions"/> is reached.</summary>
    public bool CountOption(byte code)
    {
        _codes ??= new List<byte>(24);
        if (_codes.Count >= DhcpMessageParser.MaxOptions)
        {
            return false;
        }
        _codes.Add(code);
        return true;
    }

    public void Append(byte code, ReadOnlySpan<byte> value)
    {
        var list = code switch
        {
            12 => _hostname ??= [],
            55 => _prl ??= [],
            60 => _vendorClass ??= [],
            61 => _clientId ??= [],
            _ => _fqdn ??= [],
        };
        list.AddRange(value);
    }

    /// <summary>Decodes the gathered options into <paramref name="message"/>; returns a value error if one was bad.</summary>
    public readonly DhcpParseError Finish(DhcpMessage message)
    {
        message.OptionCodes = _codes is null ? [] : _codes;
        if (_hostname is not null)
        {
            message.Hostname = AppText.Decode(CollectionsMarshal.AsSpan(_hostname));
        }
        if (_vendorClass is not null)
        {
            message.VendorClass = AppText.Decode(CollectionsMarshal.AsSpan(_vendorClass));
        }
        if (_prl is not null)
        {
            message.ParameterRequestList = _prl;
        }
        if (_clientId is not null)
        {
            message.ClientIdentifier = [.. _clientId];
        }
        if (_fqdn is null)
        {
            return DhcpParseError.None;
        }
        ReadOnlySpan<byte> fqdn = CollectionsMarshal.AsSpan(_fqdn);
        if (fqdn.Length < 3)
        {
            return DhcpParseError.BadOptionValue;
        }
        var flags = fqdn[0];
        var nameBytes = fqdn[3..];
        if ((flags & 0x04) == 0)
        {
            message.ClientFqdn = new DhcpClientFqdn(flags, AppText.Decode(nameBytes));
            return DhcpParseError.None;
        }
        if (nameBytes.IsEmpty)
        {
            message.ClientFqdn = new DhcpClientFqdn(flags, string.Empty);
            return DhcpParseError.None;
        }
        if (DnsNameReader.Read(nameBytes, 0, allowPointers: false, out var name, out _, allowPartial: true) != DnsParseError.None)
        {
            return DhcpParseError.BadOptionValue;
        }
        message.ClientFqdn = new DhcpClientFqdn(flags, name);
        return DhcpParseError.None;
    }
}
