namespace MailSniffer.Decoders.Pop3;

/// <summary>What a pending POP3 command means for the decoder when its status line arrives.</summary>
internal enum Pop3CommandKind : byte
{
    Other,
    /// <summary>A command whose +OK opens a multi-line listing (LIST/UIDL without argument, CAPA, bare AUTH).</summary>
    Listing,
    Retr,
    Top,
    User,
    Pass,
    Apop,
    Auth,
    Stls,
    Unparsed,
}
