using MailSniffer.Decoders.Sasl;

namespace MailSniffer.Decoders.Common;

/// <summary>
/// Decides which client lines of a command protocol (SMTP, POP3) are commands. While an AUTH exchange waits for the client,
/// a base64-looking line is its next SASL response, unless the mechanism is unknown (so the count of responses is too) and
/// the line is one of the protocol's verbs. After a gap the client may be anywhere, in a message or a SASL exchange, so
/// lines are skipped until one starts with a known verb.
/// </summary>
public sealed class CommandLineFilter(HashSet<string> knownVerbs)
{
    private bool _resyncing;

    /// <summary>Client bytes were lost: skip lines until the next known verb.</summary>
    public void LoseSync() => _resyncing = true;

    /// <summary>
    /// False when the line went to <paramref name="auth"/> as a SASL response or was skipped; otherwise the command's verb
    /// (upper case) and argument.
    /// </summary>
    public bool TryCommand(string line, SaslExchange? auth, out string verb, out string arg)
    {
        if (auth != null && auth.WantsClientResponse && SaslBase64.LooksLikeResponse(line)
            && (auth.IsKnownMechanism || !knownVerbs.Contains(line.ToUpperInvariant())))
        {
            auth.OnClientResponse(line);
            verb = arg = "";
            return false;
        }
        (verb, arg) = WireText.SplitVerb(line);
        if (_resyncing)
        {
            if (!knownVerbs.Contains(verb)) return false;
            _resyncing = false;
        }
        return true;
    }
}
