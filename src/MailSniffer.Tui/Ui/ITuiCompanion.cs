namespace MailSniffer.Tui.Ui;

/// <summary>
/// Something running beside the TUI that the user can see and steer, such as the demo in `mailsniffer demo --tui`:
/// its state is shown in the window title, and it may take keys the views do not use.
/// </summary>
public interface ITuiCompanion
{
    /// <summary>One short line of state for the window title, e.g. "demo: relaying (d: run again)"; already safe text.</summary>
    string Status { get; }

    /// <summary>A named key (as <see cref="KeyNames"/> gives it) the user pressed outside the filter line; true when used.</summary>
    bool HandleKey(string key);

    /// <summary>Its keys for the help screen, one line each, e.g. "d             play the demo again".</summary>
    IReadOnlyList<string> KeysHelp { get; }
}
