namespace MailSniffer.Tui.ViewModels;

/// <summary>How a row is coloured: exposure first (red), then the two sides of a transcript and student notes.</summary>
public enum RowKind { Plain, Exposed, ClientTurn, ServerTurn, Note }
