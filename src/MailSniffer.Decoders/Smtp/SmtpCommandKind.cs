namespace MailSniffer.Decoders.Smtp;

/// <summary>What a pending command means for the decoder when its reply arrives.</summary>
internal enum SmtpCommandKind : byte
{
    Other,
    Hello,
    Mail,
    Rcpt,
    Data,
    EndOfData,
    Bdat,
    Auth,
    StartTls,
    Rset,
    Quit,
    /// <summary>A line that is not a command (garbage, or a body the server refused); servers still answer it.</summary>
    Unparsed,
}
