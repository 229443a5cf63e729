using System.Net;

namespace TrafficWatch.Simulation;

/// <summary>DNS queries and answers (A with optional CNAME, TXT, NXDOMAIN), RFC 1035 wire format with name compression.</summary>
internal static class DnsMessages
{
    public const ushort TypeA = 1, TypeCname = 5, TypeTxt = 16;

    public static byte[] Query(ushort id, string name, ushort type)
    {
        var b = new PayloadBuilder();
        b.U16(id).U16(0x0100).U16(1).U16(0).U16(0).U16(0);
        Name(b, name);
        b.U16(type).U16(1);
        return b.ToArray();
    }

    /// <summary>An answer: <paramref name="canonicalName"/> adds a CNAME before the A record; null address means NXDOMAIN.</summary>
    public static byte[] AnswerA(ushort id, string name, string? canonicalName, IPAddress? address, uint ttl)
    {
        var b = new PayloadBuilder();
        var answers = address is null ? 0 : canonicalName is null ? 1 : 2;
        b.U16(id).U16(address is null ? 0x8183 : 0x8180).U16(1).U16(answers).U16(0).U16(0);
        Name(b, name);
        b.U16(TypeA).U16(1);
        if (address is null)
        {
            return b.ToArray();
        }
        var ownerPointer = 0xC00C;
        if (canonicalName is not null)
        {
            b.U16(0xC00C).U16(TypeCname).U16(1).U32(ttl);
            var rdLength = b.Mark16();
            ownerPointer = 0xC000 | b.Length;
            Name(b, canonicalName);
            b.PatchLength16(rdLength);
        }
        b.U16(ownerPointer).U16(TypeA).U16(1).U32(ttl).U16(4).Address(address);
        return b.ToArray();
    }

    public static byte[] AnswerTxt(ushort id, string name, string text, uint ttl)
    {
        var b = new PayloadBuilder();
        b.U16(id).U16(0x8180).U16(1).U16(1).U16(0).U16(0);
        Name(b, name);
        b.U16(TypeTxt).U16(1);
        b.U16(0xC00C).U16(TypeTxt).U16(1).U32(ttl).U16(text.Length + 1).U8(text.Length).Ascii(text);
        return b.ToArray();
    }

    private static void Name(PayloadBuilder b, string name)
    {
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            b.U8(label.Length).Ascii(label);
        }
        b.U8(0);
    }
}
