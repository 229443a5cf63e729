using System.Buffers.Binary;

namespace TrafficWatch.Decode.App;

/// <summary>
/// Bounded parser for DHCPv6 (RFC 8415) in one UDP datagram: unwraps relay messages (at most
/// <see cref="MaxRelayDepth"/>, iteratively), then reads the client/server message's options. Slow path:
/// allocates for its results, never throws.
/// </summary>
public sealed class Dhcpv6MessageParser : IAppFuzzTarget
{
    /// <summary>Relay wrappers unwrapped at most (RFC 8415 HOP_COUNT_LIMIT is 8; this leaves room).</summary>
    public const int MaxRelayDepth = 16;

    /// <summary>Options walked per message level.</summary>
    public const int MaxOptions = 256;

    /// <summary>Vendor class data items kept.</summary>
    public const int MaxVendorClassItems = 16;

    private const int RelayHeaderLength = 34;
    private const ushort OptionClientId = 1, OptionServerId = 2, OptionOro = 6, OptionRelayMessage = 9,
        OptionVendorClass = 16, OptionFqdn = 39, OptionClientLinkLayer = 79;

    private Dhcpv6MessageParser()
    {
    }

    public static Dhcpv6ParseError Parse(ReadOnlySpan<byte> payload, out Dhcpv6Message message)
    {
        message = new Dhcpv6Message();
        var current = payload;
        var error = Dhcpv6ParseError.None;
        while (current.Length > 0 && current[0] is (byte)Dhcpv6MessageType.RelayForward or (byte)Dhcpv6MessageType.RelayReply)
        {
            message.MessageType = (Dhcpv6MessageType)current[0];
            if (message.RelayDepth >= MaxRelayDepth)
            {
                return message.Error = Dhcpv6ParseError.RelayTooDeep;
            }
            if (current.Length < RelayHeaderLength)
            {
                return message.Error = Dhcpv6ParseError.TruncatedHeader;
            }
            message.RelayDepth++;
            message.RelayLinkAddress = IpAddr.FromIPv6(current.Slice(2, 16));
            message.RelayPeerAddress = IpAddr.FromIPv6(current.Slice(18, 16));
            var relayError = ReadRelayOptions(current[RelayHeaderLength..], message, out var innerOffset, out var innerLength, out var found);
            if (error == Dhcpv6ParseError.None)
            {
                error = relayError;
            }
            if (!found)
            {
                return message.Error = error == Dhcpv6ParseError.None ? Dhcpv6ParseError.NoRelayMessage : error;
            }
            current = current.Slice(RelayHeaderLength + innerOffset, innerLength);
        }
        if (current.Length < 4)
        {
            return message.Error = Dhcpv6ParseError.TruncatedHeader;
        }
        message.MessageType = (Dhcpv6MessageType)current[0];
        message.TransactionId = ((uint)current[1] << 16) | ((uint)current[2] << 8) | current[3];
        var optionsError = ReadOptions(current[4..], message);
        if (error == Dhcpv6ParseError.None)
        {
            error = optionsError;
        }
        return message.Error = error;
    }

    /// <inheritdoc/>
    public static void Fuzz(ReadOnlySpan<byte> input) => _ = Parse(input, out _);

    /// <summary>Finds the Relay Message option; also takes option 79. <paramref name="innerOffset"/> indexes <paramref name="options"/>.</summary>
    private static Dhcpv6ParseError ReadRelayOptions(ReadOnlySpan<byte> options, Dhcpv6Message message,
        out int innerOffset, out int innerLength, out bool found)
    {
        innerOffset = 0;
        innerLength = 0;
        found = false;
        var i = 0;
        for (var count = 0; i < options.Length; count++)   // bounded: every pass consumes at least 4 bytes
        {
            if (count >= MaxOptions)
            {
                return Dhcpv6ParseError.TooManyOptions;
            }
            if (!TryReadOption(options, i, out var code, out var length))
            {
                return Dhcpv6ParseError.OptionTruncated;
            }
            var value = options.Slice(i + 4, length);
            if (code == OptionRelayMessage && !found)
            {
                innerOffset = i + 4;
                innerLength = length;
                found = true;
            }
            else if (code == OptionClientLinkLayer && length == 8 && BinaryPrimitives.ReadUInt16BigEndian(value) == 1)
            {
                message.RelayClientMac = MacAddress.Read(value[2..]);   // each deeper relay is closer to the client
            }
            i += 4 + length;
        }
        return Dhcpv6ParseError.None;
    }

    private static Dhcpv6ParseError ReadOptions(ReadOnlySpan<byte> options, Dhcpv6Message message)
    {
        var error = Dhcpv6ParseError.None;
        var codes = new List<ushort>();
        message.OptionCodes = codes;
        var i = 0;
        while (i < options.Length)                       // bounded: every pass consumes at least 4 bytes
        {
            if (codes.Count >= MaxOptions)
            {
                return Keep(error, Dhcpv6ParseError.TooManyOptions);
            }
            if (!TryReadOption(options, i, out var code, out var length))
            {
                return Keep(error, Dhcpv6ParseError.OptionTruncated);
            }
            codes.Add(code);
            error = Keep(error, Apply(code, options.Slice(i + 4, length), message));
            i += 4 + length;
        }
        return error;
    }

    private static Dhcpv6ParseError Keep(Dhcpv6ParseError first, Dhcpv6ParseError next)
        => first == Dhcpv6ParseError.None ? next : first;

    private static bool TryReadOption(ReadOnlySpan<byte> options, int i, out ushort code, out int length)
    {
        code = 0;
        length = 0;
        if (i + 4 > options.Length)
        {
            return false;
        }
        code = BinaryPrimitives.ReadUInt16BigEndian(options[i..]);
        length = BinaryPrimitives.ReadUInt16BigEndian(options[(i + 2)..]);
        return i + 4 + length <= options.Length;
    }

    private static Dhcpv6ParseError Apply(ushort code, ReadOnlySpan<byte> value, Dhcpv6Message message)
    {
        switch (code)
        {
            case OptionClientId when message.ClientDuid is null:
                message.ClientDuid = value.ToArray();
                ReadDuid(value, message);
                return value.Length < 2 ? Dhcpv6ParseError.BadOptionValue : Dhcpv6ParseError.None;
            case OptionServerId when message.ServerDuid is null:
                message.ServerDuid = value.ToArray();
                return Dhcpv6ParseError.None;
            case OptionOro when message.OptionRequests.Count == 0:
                if ((value.Length & 1) != 0)
                {
                    return Dhcpv6ParseError.BadOptionValue;
                }
                var requests = new ushort[value.Length / 2];
                for (var k = 0; k < requests.Length; k++)
                {
                    requests[k] = BinaryPrimitives.ReadUInt16BigEndian(value[(2 * k)..]);
                }
                message.OptionRequests = requests;
                return Dhcpv6ParseError.None;
            case OptionVendorClass when message.VendorClassEnterprise is null:
                return ReadVendorClass(value, message);
            case OptionFqdn when message.Fqdn is null:
                if (value.Length < 1)
                {
                    return Dhcpv6ParseError.BadOptionValue;
                }
                var nameBytes = value[1..];
                if (nameBytes.IsEmpty)
                {
                    message.FqdnFlags = value[0];
                    message.Fqdn = string.Empty;
                    return Dhcpv6ParseError.None;
                }
                if (DnsNameReader.Read(nameBytes, 0, allowPointers: false, out var name, out _, allowPartial: true) != DnsParseError.None)
                {
                    return Dhcpv6ParseError.BadOptionValue;
                }
                message.FqdnFlags = value[0];
                message.Fqdn = name;
                return Dhcpv6ParseError.None;
            default:
                return Dhcpv6ParseError.None;
        }
    }

    /// <summary>DUID-LLT (1): type, hardware type, time, address; DUID-LL (3): type, hardware type, address.</summary>
    private static void ReadDuid(ReadOnlySpan<byte> duid, Dhcpv6Message message)
    {
        if (duid.Length < 2)
        {
            return;
        }
        message.ClientDuidType = BinaryPrimitives.ReadUInt16BigEndian(duid);
        var addressOffset = message.ClientDuidType switch
        {
            1 => 8,
            3 => 4,
            _ => -1,
        };
        if (addressOffset > 0 && duid.Length == addressOffset + 6 && BinaryPrimitives.ReadUInt16BigEndian(duid[2..]) == 1)
        {
            message.ClientMac = MacAddress.Read(duid[addressOffset..]);
        }
    }

    private static Dhcpv6ParseError ReadVendorClass(ReadOnlySpan<byte> value, Dhcpv6Message message)
    {
        if (value.Length < 4)
        {
            return Dhcpv6ParseError.BadOptionValue;
        }
        message.VendorClassEnterprise = BinaryPrimitives.ReadUInt32BigEndian(value);
        var items = new List<string>();
        message.VendorClass = items;
        var i = 4;
        while (i < value.Length && items.Count < MaxVendorClassItems)   // bounded: every pass consumes at least 2 bytes
        {
            if (i + 2 > value.Length)
            {
                return Dhcpv6ParseError.BadOptionValue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
            if (i + 2 + length > value.Length)
            {
                return Dhcpv6ParseError.BadOptionValue;
            }
            items.Add(AppText.Decode(value.Slice(i + 2, length)));
            i += 2 + length;
        }
        return Dhcpv6ParseError.None;
    }
}
