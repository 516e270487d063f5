namespace MailSniffer.Decoders.Common;

/// <summary>What <see cref="LineInput.Read"/> found next in one direction of a line protocol.</summary>
public enum LineRead : byte
{
    /// <summary>The input is used up without a complete line; the partial line is kept.</summary>
    NeedMore,
    Line,
    /// <summary>A line longer than the limit was dropped (the anomaly is already reported).</summary>
    Overflow,
    /// <summary>The direction turned into TLS after STARTTLS/STLS: the connection has switched.</summary>
    Tls,
}
