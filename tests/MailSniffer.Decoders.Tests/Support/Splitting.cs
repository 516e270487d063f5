namespace MailSniffer.Decoders.Tests.Support;

/// <summary>How <see cref="TranscriptReplay"/> cuts each turn before feeding it.</summary>
public enum Splitting
{
    Whole,
    ByteByByte,
    Random,
}
