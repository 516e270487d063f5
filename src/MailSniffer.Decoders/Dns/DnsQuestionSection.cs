namespace MailSniffer.Decoders.Dns;

/// <summary>
/// A structural check of a DNS message's header and question section, for protocol detection on the DNS ports: the
/// question names must be well-formed label sequences (compression pointers only backwards, names of at most 255
/// octets) and the record counts must fit the message. The library parse that follows in the decoder is the real
/// one; parsing each flow's first datagram twice with it cost about 20 µs a datagram (it draws a random transaction
/// id for every message it builds), about a third of all DNS time.
/// </summary>
internal static class DnsQuestionSection
{
    private const int MaxNameLength = 255;

    public static bool IsWellFormed(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < DnsMessageProcessor.HeaderLength) return false;
        int questions = wire[4] << 8 | wire[5];
        long records = (wire[6] << 8 | wire[7]) + (wire[8] << 8 | wire[9]) + (wire[10] << 8 | wire[11]);
        int offset = DnsMessageProcessor.HeaderLength;
        for (int q = 0; q < questions; q++)
        {
            if (!SkipName(wire, ref offset)) return false;
            offset += 4; // type and class
            if (offset > wire.Length) return false;
        }
        // Every remaining record takes at least 11 bytes (a one-byte name, type, class, TTL and length).
        return offset + 11 * records <= wire.Length;
    }

    /// <summary>Moves past one name at <paramref name="offset"/>; false when it runs off the end or is not a valid name.</summary>
    private static bool SkipName(ReadOnlySpan<byte> wire, ref int offset)
    {
        int position = offset;
        int length = 1;
        while (true)
        {
            if (position >= wire.Length) return false;
            byte label = wire[position];
            if (label == 0) { offset = position + 1; return true; }
            if ((label & 0xC0) == 0xC0)
            {
                if (position + 1 >= wire.Length) return false;
                int target = (label & 0x3F) << 8 | wire[position + 1];
                // A pointer must lead to an earlier, already complete name; checking that it points backwards into
                // the message is enough here, since the walk stops at this name's own end.
                if (target >= position || target < DnsMessageProcessor.HeaderLength) return false;
                offset = position + 2;
                return true;
            }
            if ((label & 0xC0) != 0) return false; // 0x40 and 0x80 label types are obsolete or reserved
            length += label + 1;
            if (length > MaxNameLength) return false;
            position += label + 1;
        }
    }
}
