using System.Text.RegularExpressions;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Finds the id a server gave an accepted message in its 250 reply: Postfix "Ok: queued as 4ABC123", Exim "OK id=1abc-000123-AB",
/// sendmail "x8AB1234 Message accepted for delivery", ours "OK queued as 0A1B2C3D4E5F", Microsoft "Queued mail for delivery"
/// (no id), Google "OK 1600000000 x12si123.45 - gsmtp" (the id its Received header repeats).
/// </summary>
public static partial class QueueIdParser
{
    public static string? Parse(string replyText)
    {
        if (string.IsNullOrEmpty(replyText) || replyText.Length > 1024) return null;
        try
        {
            foreach (var regex in new[] { QueuedAs(), EximId(), SendmailAccepted(), GoogleStyle() })
            {
                var m = regex.Match(replyText);
                if (m.Success) return m.Groups["id"].Value;
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }
        return null;
    }

    [GeneratedRegex(@"queued as (?<id>[A-Za-z0-9][A-Za-z0-9._\-]{2,63})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex QueuedAs();

    [GeneratedRegex(@"\bid=(?<id>[A-Za-z0-9][A-Za-z0-9._\-]{2,63})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex EximId();

    [GeneratedRegex(@"^(?:\d\.\d{1,3}\.\d{1,3} )?(?<id>[A-Za-z0-9]{6,32}) Message accepted for delivery", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex SendmailAccepted();

    [GeneratedRegex(@"^(?:\d\.\d{1,3}\.\d{1,3} )?OK +\d{8,12} (?<id>[A-Za-z0-9._\-]{4,64}) - gsmtp", RegexOptions.CultureInvariant, 100)]
    private static partial Regex GoogleStyle();
}
