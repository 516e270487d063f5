using MailSniffer.Analysis.Model;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Filtering;

namespace MailSniffer.Tui.ViewModels;

/// <summary>Secrets seen on the wire. Passwords are masked until 'r' reveals them (for demonstrations).</summary>
public sealed class CredentialsViewModel : ListViewModelBase<Credential>
{
    public const string Mask = "********";

    public bool Revealed { get; private set; }
    public override string Title => "Credentials";
    public override string KeysHelp => "r  reveal/mask passwords";
    public override string Header => $"  {"user",-16} {"password",-16} {"mechanism",-10} {"proto",-5} {"server",-21} ok";

    public override bool HandleKey(char key)
    {
        if (key != 'r') return false;
        Revealed = !Revealed;
        Rebuild();
        return true;
    }

    protected override IEnumerable<Credential> ItemsOf(CaptureSnapshot snapshot) => snapshot.Credentials;
    protected override object KeyOf(Credential item) => (item.Flow, item.Ts, item.Username, item.Mechanism);

    protected override string RowOf(Credential c) =>
        $"  {Cell.Fit(c.Username, 16)} {Cell.Fit(Secret(c), 16)} {Cell.Fit(c.Mechanism, 10)} {Cell.Fit(c.Protocol, 5)} {Cell.Fit(c.Server ?? "?", 21)} {Accepted(c)}";

    protected override string DetailOf(Credential c) =>
        $"{Cell.Safe(c.Protocol)} {Cell.Safe(c.Mechanism)} flow #{c.Flow}  {Cell.Safe(c.Client ?? "?")} -> {Cell.Safe(c.Server ?? "?")}  seen {c.Occurrences}x  accepted: {Accepted(c)}\n" +
        $"user {Cell.Safe(c.Username)}  password {Cell.Safe(Secret(c))}\n" +
        (c.Hash != null ? $"hash: {(Revealed ? Cell.Safe(c.Hash) : "(hidden; r reveals)")}" : "");

    protected override FilterSubject SubjectOf(Credential c) =>
        new(c.Protocol, new[] { Cell.Host(c.Client ?? ""), Cell.Host(c.Server ?? "") }, c.Username, Array.Empty<string>(), c.Mechanism);

    private string Secret(Credential c) => c.Password is null ? (c.Hash != null ? "(hash)" : "-") : Revealed ? c.Password : Mask;

    private static string Accepted(Credential c) => c.Accepted switch { true => "yes", false => "no", null => "?" };
}
