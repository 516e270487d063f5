namespace MailSniffer.Tui.ViewModels;

/// <summary>Classifies a row by the markers the view-models put at its start ("!", "C> ", "S< ", "     ^ ").</summary>
public static class RowKinds
{
    public static RowKind Of(string row) =>
        row.StartsWith("! ", StringComparison.Ordinal) ? RowKind.Exposed
        : row.StartsWith("C> ", StringComparison.Ordinal) ? RowKind.ClientTurn
        : row.StartsWith("S< ", StringComparison.Ordinal) ? RowKind.ServerTurn
        : row.StartsWith("     ^ ", StringComparison.Ordinal) ? RowKind.Note
        : RowKind.Plain;
}
