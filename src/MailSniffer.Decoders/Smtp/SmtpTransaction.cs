namespace MailSniffer.Decoders.Smtp;

/// <summary>The envelope being built: MAIL FROM and the RCPTs, until RSET/HELO/a new MAIL or the end of a message.</summary>
internal sealed class SmtpTransaction
{
    public string? MailFrom { get; set; }
    public List<SmtpRecipient> Recipients { get; } = new();

    /// <summary>Recipients the server accepted, or has not answered yet (one-sided captures).</summary>
    public IReadOnlyList<string> RecipientsNotRejected()
    {
        var list = new List<string>(Recipients.Count);
        foreach (var r in Recipients)
            if (r.Accepted != false) list.Add(r.Address);
        return list;
    }
}
