namespace MailSniffer.Tui.Packets;

/// <summary>TCP flags as Wireshark names them ("SYN, ACK"), or compact for a packet row ("SYN,ACK").</summary>
public static class TcpFlagNames
{
    private static readonly (int Bit, string Name)[] Names =
        { (0x80, "CWR"), (0x40, "ECE"), (0x20, "URG"), (0x02, "SYN"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK") };

    public static string Of(byte flags, string separator = ", ")
    {
        var names = Names.Where(n => (flags & n.Bit) != 0).Select(n => n.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(separator, names);
    }
}
