using System.Text;

namespace MailSniffer.Decoders.Tests.Tls;

/// <summary>A minimal TLS 1.2-style ClientHello record, optionally with a server_name extension.</summary>
internal static class ClientHelloBuilder
{
    public static byte[] Build(string? sni)
    {
        var ext = new List<byte>();
        if (sni != null)
        {
            var name = Encoding.ASCII.GetBytes(sni);
            var list = new List<byte> { 0 };
            list.AddRange(U16(name.Length));
            list.AddRange(name);
            var body = new List<byte>(U16(list.Count));
            body.AddRange(list);
            ext.AddRange(U16(0));
            ext.AddRange(U16(body.Count));
            ext.AddRange(body);
        }
        // An unrelated extension (supported_groups) first, so the parser has to walk.
        byte[] groups = [0, 10, 0, 4, 0, 2, 0, 29];
        var hello = new List<byte> { 3, 3 };
        hello.AddRange(new byte[32]);
        hello.Add(0);                       // session id
        hello.AddRange(new byte[] { 0, 2, 0x13, 0x01 }); // one cipher suite
        hello.AddRange(new byte[] { 1, 0 }); // null compression
        hello.AddRange(U16(groups.Length + ext.Count));
        hello.AddRange(groups);
        hello.AddRange(ext);
        var hs = new List<byte> { 1, 0 };
        hs.AddRange(U16(hello.Count));
        hs.AddRange(hello);
        var record = new List<byte> { 0x16, 3, 1 };
        record.AddRange(U16(hs.Count));
        record.AddRange(hs);
        return record.ToArray();
    }

    private static byte[] U16(int v) => [(byte)(v >> 8), (byte)v];
}
