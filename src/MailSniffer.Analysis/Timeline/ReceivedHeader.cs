using System.Net;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// One Received header, read tolerantly: `from X (Y [ip]) by Z with P id Q for &lt;r&gt;; date`. Any part may be missing.
/// Position is 0 for the top (newest) header of the message.
/// </summary>
public sealed record ReceivedHeader(int Position, string Raw)
{
    /// <summary>The name the sending host gave (HELO/EHLO) or the first word after "from".</summary>
    public string? FromName { get; init; }
    /// <summary>The sending host's address as the receiving host saw it (from a [ip] literal).</summary>
    public IPAddress? FromAddress { get; init; }
    /// <summary>The client's port, where the MTA writes it right after the address ("[192.0.2.1]:45199").</summary>
    public int? FromPort { get; init; }
    /// <summary>Reverse-DNS name in the from comment, when given.</summary>
    public string? FromRdns { get; init; }
    public string? ByName { get; init; }
    /// <summary>The protocol keyword: SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, IMAP...</summary>
    public string? With { get; init; }
    public string? Id { get; init; }
    public string? For { get; init; }
    /// <summary>The user the receiving host says authenticated (Postfix/our server "authenticated as"/"Authenticated sender:").</summary>
    public string? AuthenticatedAs { get; init; }
    public DateTimeOffset? Date { get; init; }

    /// <summary>RFC 3848: ESMTPS/ESMTPSA/LMTPS/UTF8SMTPS... mean the hop used TLS.</summary>
    public bool SaysTls => With is { } w && (w.EndsWith("S", StringComparison.OrdinalIgnoreCase) || w.EndsWith("SA", StringComparison.OrdinalIgnoreCase))
        && w.Contains("SMTP", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 3848: ESMTPA/ESMTPSA mean the client authenticated.</summary>
    public bool SaysAuthenticated => AuthenticatedAs != null
        || (With is { } w && w.EndsWith("A", StringComparison.OrdinalIgnoreCase) && w.Contains("SMTP", StringComparison.OrdinalIgnoreCase));
}
