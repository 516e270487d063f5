namespace MailSniffer.Core.Flows;

/// <summary>
/// Decides who is the server of a connection picked up without its SYN. Ports are only a hint: well-known service ports
/// first, then the lower port below the ephemeral range, then the first payload's shape (a greeting or reply is the server's).
/// </summary>
public static class RoleGuesser
{
    private static readonly HashSet<ushort> ServicePorts = new() { 25, 53, 110, 143, 465, 587, 993, 995, 2525, 24, 26, 109, 220, 4190 };

    /// <summary>True when the sender of <paramref name="firstPayload"/> (from sport to dport) looks like the server.</summary>
    public static bool SenderLooksLikeServer(ushort sport, ushort dport, ReadOnlySpan<byte> firstPayload)
    {
        bool sService = ServicePorts.Contains(sport), dService = ServicePorts.Contains(dport);
        if (sService != dService) return sService;
        bool sLow = sport < 1024, dLow = dport < 1024;
        if (sLow != dLow) return sLow;
        if (LooksLikeServerSpeech(firstPayload)) return true;
        if (LooksLikeClientSpeech(firstPayload)) return false;
        // Ephemeral ports are usually the higher of the two.
        return sport < dport;
    }

    private static bool LooksLikeServerSpeech(ReadOnlySpan<byte> p)
    {
        if (p.Length >= 4 && IsDigit(p[0]) && IsDigit(p[1]) && IsDigit(p[2]) && (p[3] == (byte)' ' || p[3] == (byte)'-')) return true;
        return p.StartsWith("+OK"u8) || p.StartsWith("-ERR"u8) || p.StartsWith("* OK"u8) || p.StartsWith("* PREAUTH"u8) || p.StartsWith("* BYE"u8);
    }

    private static bool LooksLikeClientSpeech(ReadOnlySpan<byte> p)
    {
        // A command verb: 4 letters then space/CR, or an IMAP tag then a space.
        if (p.Length >= 4 && IsAlpha(p[0]) && IsAlpha(p[1]) && IsAlpha(p[2]) && IsAlpha(p[3])) return true;
        int sp = p.IndexOf((byte)' ');
        return sp > 0 && sp < 16 && IsAlpha(p[0]);
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
    private static bool IsAlpha(byte b) => (b | 0x20) >= (byte)'a' && (b | 0x20) <= (byte)'z';
}
