using System.Text;

namespace MailSniffer.Server.Imap;

/// <summary>An argument of an IMAP command: atom (including fetch attributes like BODY.PEEK[HEADER]&lt;0.10&gt;), string, list or NIL.</summary>
public sealed record ImapToken(ImapTokenKind Kind, string Text, byte[]? Bytes = null, IReadOnlyList<ImapToken>? Children = null, bool IsLiteral = false)
{
    public static ImapToken Atom(string text) => new(ImapTokenKind.Atom, text);
    public static ImapToken Str(byte[] bytes, bool literal) => new(ImapTokenKind.String, Encoding.UTF8.GetString(bytes), bytes, IsLiteral: literal);
    public static ImapToken List(IReadOnlyList<ImapToken> children) => new(ImapTokenKind.List, "", Children: children);

    /// <summary>Atoms and strings both serve as "astring" arguments.</summary>
    public bool IsAString => Kind is ImapTokenKind.Atom or ImapTokenKind.String;
}
