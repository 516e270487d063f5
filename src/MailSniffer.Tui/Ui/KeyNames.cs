using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace MailSniffer.Tui.Ui;

/// <summary>Terminal.Gui keys as the names <see cref="ViewModels.MainViewModel.HandleKey"/> understands.</summary>
public static class KeyNames
{
    public static string? Of(Key key) => key.KeyCode switch
    {
        KeyCode.CursorUp => "Up",
        KeyCode.CursorDown => "Down",
        KeyCode.PageUp => "PageUp",
        KeyCode.PageDown => "PageDown",
        KeyCode.Home => "Home",
        KeyCode.End => "End",
        KeyCode.Enter => "Enter",
        KeyCode.Esc => "Esc",
        KeyCode.Tab => "Tab",
        KeyCode.Backspace => "Backspace",
        _ => key.IsCtrl || key.AsRune.Value == 0 || key.AsRune.Value > 0xFFFF ? null : ((char)key.AsRune.Value).ToString(),
    };
}
