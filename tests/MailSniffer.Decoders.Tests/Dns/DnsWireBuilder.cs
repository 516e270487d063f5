using System.Net;
using System.Text;

namespace MailSniffer.Decoders.Tests.Dns;

/// <summary>Builds DNS wire messages byte by byte (RFC 1035), uncompressed, so tests control every field.</summary>
internal sealed class DnsWireBuilder
{
    private readonly List<byte[]> _questions = new();
    private readonly List<byte[]> _answers = new();
    private readonly List<byte[]> _authority = new();
    private readonly List<byte[]> _additional = new();

    public ushort Id { get; init; } = 0x1234;
    public bool Response { get; init; }
    public int Rcode { get; init; }

    public DnsWireBuilder Question(string name, ushort type)
    {
        _questions.Add([.. Name(name), .. U16(type), .. U16(1)]);
        return this;
    }

    public DnsWireBuilder Answer(string name, ushort type, uint ttl, byte[] rdata) { _answers.Add(Rr(name, type, 1, ttl, rdata)); return this; }
    public DnsWireBuilder Authority(string name, ushort type, uint ttl, byte[] rdata) { _authority.Add(Rr(name, type, 1, ttl, rdata)); return this; }

    /// <summary>EDNS0 OPT pseudo-record advertising a 1232-byte payload.</summary>
    public DnsWireBuilder Edns() { _additional.Add([0, .. U16(41), .. U16(1232), 0, 0, 0, 0, .. U16(0)]); return this; }

    public byte[] Build()
    {
        var flags = (ushort)((Response ? 0x8180 : 0x0100) | (Rcode & 0xF));
        var m = new List<byte>();
        m.AddRange(U16(Id));
        m.AddRange(U16(flags));
        m.AddRange(U16((ushort)_questions.Count));
        m.AddRange(U16((ushort)_answers.Count));
        m.AddRange(U16((ushort)_authority.Count));
        m.AddRange(U16((ushort)_additional.Count));
        foreach (var part in _questions.Concat(_answers).Concat(_authority).Concat(_additional)) m.AddRange(part);
        return m.ToArray();
    }

    public static byte[] A(string ip) => IPAddress.Parse(ip).GetAddressBytes();
    public static byte[] Mx(ushort pref, string host) => [.. U16(pref), .. Name(host)];
    public static byte[] Txt(params string[] strings) => strings.SelectMany(s => new[] { (byte)s.Length }.Concat(Encoding.ASCII.GetBytes(s))).ToArray();
    public static byte[] Soa() => [.. Name("ns.b.test"), .. Name("hostmaster.b.test"), 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5];

    public static byte[] Name(string name)
    {
        var b = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            b.Add((byte)label.Length);
            b.AddRange(Encoding.ASCII.GetBytes(label));
        }
        b.Add(0);
        return b.ToArray();
    }

    public static byte[] U16(ushort v) => [(byte)(v >> 8), (byte)v];

    private static byte[] Rr(string name, ushort type, ushort cls, uint ttl, byte[] rdata) =>
        [.. Name(name), .. U16(type), .. U16(cls), (byte)(ttl >> 24), (byte)(ttl >> 16), (byte)(ttl >> 8), (byte)ttl, .. U16((ushort)rdata.Length), .. rdata];
}
