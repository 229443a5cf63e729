using System.Buffers.Binary;

namespace TrafficWatch.Decode.App;

/// <summary>
/// Bounded parser for DHCPv4 (RFC 2131/2132) in one UDP datagram: header, magic cookie, options, option
/// overload (52) into file then sname, split options (RFC 3396). Slow path: allocates for its results, never
/// throws, walks each option area at most once.
/// </summary>
public sealed class DhcpMessageParser : IAppFuzzTarget
{
    public const int HeaderLength = 236;
    public const int OptionsOffset = 240;
    public const uint MagicCookie = 0x63825363;

    /// <summary>Options walked per message over all areas (pads not counted).</summary>
    public const int MaxOptions = 512;

    private const int SnameOffset = 44, SnameLength = 64, FileOffset = 108, FileLength = 128;

    private DhcpMessageParser()
    {
    }

    public static DhcpParseError Parse(ReadOnlySpan<byte> payload, out DhcpMessage message)
    {
        message = new DhcpMessage();
        if (payload.Length < HeaderLength)
        {
            message.Error = DhcpParseError.TruncatedHeader;
            return message.Error;
        }
        message.Op = payload[0];
        message.HardwareType = payload[1];
        message.HardwareLength = payload[2];
        message.Hops = payload[3];
        message.TransactionId = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        message.Seconds = BinaryPrimitives.ReadUInt16BigEndian(payload[8..]);
        message.Broadcast = (payload[10] & 0x80) != 0;
        message.ClientAddress = IpAddr.FromIPv4(payload[12..]);
        message.YourAddress = IpAddr.FromIPv4(payload[16..]);
        message.ServerAddress = IpAddr.FromIPv4(payload[20..]);
        message.RelayAddress = IpAddr.FromIPv4(payload[24..]);
        var chaddr = payload.Slice(28, Math.Min((int)message.HardwareLength, 16));
        message.ClientHardwareAddress = chaddr.ToArray();
        if (chaddr.Length == 6)
        {
            message.ClientMac = MacAddress.Read(chaddr);
        }
        if (payload.Length < OptionsOffset || BinaryPrimitives.ReadUInt32BigEndian(payload[HeaderLength..]) != MagicCookie)
        {
            message.Error = DhcpParseError.NoMagicCookie;
            return message.Error;
        }
        message.HasMagicCookie = true;

        var state = new DhcpOptionState();
        var error = WalkOptions(payload[OptionsOffset..], message, ref state, isMainArea: true);
        if ((message.Overload & 1) != 0)
        {
            Keep(ref error, WalkOptions(payload.Slice(FileOffset, FileLength), message, ref state, isMainArea: false));
        }
        if ((message.Overload & 2) != 0)
        {
            Keep(ref error, WalkOptions(payload.Slice(SnameOffset, SnameLength), message, ref state, isMainArea: false));
        }
        Keep(ref error, state.Finish(message));
        message.Error = error;
        return error;
    }

    /// <inheritdoc/>
    public static void Fuzz(ReadOnlySpan<byte> input) => _ = Parse(input, out _);

    private static void Keep(ref DhcpParseError first, DhcpParseError next)
    {
        if (first == DhcpParseError.None)
        {
            first = next;
        }
    }

    private static DhcpParseError WalkOptions(ReadOnlySpan<byte> area, DhcpMessage message, ref DhcpOptionState state, bool isMainArea)
    {
        var error = DhcpParseError.None;
        var i = 0;
        while (i < area.Length)                         // bounded: every pass consumes at least one byte
        {
            var code = area[i];
            if (code == 0)
            {
                i++;
                continue;
            }
            if (code == 255)
            {
                break;
            }
            if (i + 1 >= area.Length)
            {
                Keep(ref error, DhcpParseError.OptionTruncated);
                break;
            }
            var length = area[i + 1];
            if (i + 2 + length > area.Length)
            {
                Keep(ref error, DhcpParseError.OptionTruncated);
                break;
            }
            if (!state.CountOption(code))
            {
                Keep(ref error, DhcpParseError.TooManyOptions);
                break;
            }
            Keep(ref error, Apply(code, area.Slice(i + 2, length), message, ref state, isMainArea));
            i += 2 + length;
        }
        return error;
    }

    private static DhcpParseError Apply(byte code, ReadOnlySpan<byte> value, DhcpMessage message, ref DhcpOptionState state, bool isMainArea)
    {
        switch (code)
        {
            case 53:
                if (value.Length != 1)
                {
                    return DhcpParseError.BadOptionValue;
                }
                if (message.MessageType == DhcpMessageType.None)
                {
                    message.MessageType = (DhcpMessageType)value[0];
                }
                return DhcpParseError.None;
            case 52:
                if (value.Length != 1 || value[0] is 0 or > 3)
                {
                    return DhcpParseError.BadOptionValue;
                }
                if (isMainArea && message.Overload == 0)
                {
                    message.Overload = value[0];      // only honoured in the options field (RFC 2131 §4.1)
                }
                return DhcpParseError.None;
            case 50 or 54:
                if (value.Length != 4)
                {
                    return DhcpParseError.BadOptionValue;
                }
                if (code == 50)
                {
                    message.RequestedAddress ??= IpAddr.FromIPv4(value);
                }
                else
                {
                    message.ServerIdentifier ??= IpAddr.FromIPv4(value);
                }
                return DhcpParseError.None;
            case 51:
                if (value.Length != 4)
                {
                    return DhcpParseError.BadOptionValue;
                }
                message.LeaseTime ??= BinaryPrimitives.ReadUInt32BigEndian(value);
                return DhcpParseError.None;
            case 12 or 55 or 60 or 61 or 81:
                state.Append(code, value);
                return DhcpParseError.None;
            default:
                return DhcpParseError.None;
        }
    }
}
