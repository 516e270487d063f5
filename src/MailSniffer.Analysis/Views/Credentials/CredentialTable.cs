using MailSniffer.Analysis.Model;
using MailSniffer.Analysis.Views.Text;
using MailSniffer.Core.Text;

namespace MailSniffer.Analysis.Views.Credentials;

/// <summary>
/// The creds view: every credential in clear (this is a tool for security teams; nothing is masked) but sanitised for
/// the terminal. <see cref="WriteHashcat"/> writes only the crackable hash lines, one per distinct hash.
/// </summary>
public sealed class CredentialTable
{
    private readonly IReadOnlyList<Credential> _credentials;

    public CredentialTable(IEnumerable<Credential> credentials) =>
        _credentials = credentials.OrderBy(c => c.Ts).ThenBy(c => c.Flow).ToList();

    public CredentialTable(CaptureModel model) : this(model.Credentials) { }

    public void Write(TextWriter w)
    {
        if (_credentials.Count == 0)
        {
            w.WriteLine("No credentials seen.");
            return;
        }
        var table = new TextTable(200, "TIME", "FLOW", "PROTO", "MECHANISM", "SERVER", "USERNAME", "PASSWORD/HASH", "RESULT");
        foreach (var c in _credentials)
            table.Add(c.Ts.ToIso8601(), "#" + c.Flow, c.Protocol, c.Mechanism, c.Server ?? "?", c.Username,
                c.Password ?? c.Hash ?? "", Result(c));
        table.Write(w);
    }

    /// <summary>One line per distinct hash, in first-seen order, ready for hashcat (modes in docs/json.md).</summary>
    public void WriteHashcat(TextWriter w)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _credentials)
        {
            if (string.IsNullOrEmpty(c.Hash) || !seen.Add(c.Hash)) continue;
            w.WriteLine(SafeText.ForTerminal(c.Hash));
        }
    }

    public static string Result(Credential c) => c.Accepted switch
    {
        true => "accepted",
        false => "rejected",
        null => "unknown",
    };
}
