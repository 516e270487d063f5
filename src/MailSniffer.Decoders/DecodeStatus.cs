namespace MailSniffer.Decoders;

public enum DecodeStatus : byte
{
    /// <summary>Everything fed so far was understood; more input is welcome.</summary>
    NeedMore = 0,
    /// <summary>The decoder has nothing more to read in this connection (e.g. it switched to TLS). Further input is ignored.</summary>
    Done,
    /// <summary>The input is not this protocol or is broken beyond resynchronisation; <see cref="DecodeResult.Reason"/> says why.</summary>
    Malformed,
}

/// <summary>What a decoder says after each call, in the style of Kestrel's parser: never an exception.</summary>
public readonly record struct DecodeResult(DecodeStatus Status, string? Reason = null)
{
    public static readonly DecodeResult NeedMore = new(DecodeStatus.NeedMore);
    public static DecodeResult Done(string? reason = null) => new(DecodeStatus.Done, reason);
    public static DecodeResult Malformed(string reason) => new(DecodeStatus.Malformed, reason);
}
