using MailSniffer.Tui.Data;
using MailSniffer.Tui.ViewModels;
using Terminal.Gui.App;

namespace MailSniffer.Tui.Ui;

/// <summary>
/// Runs the terminal UI over a loader: reading happens on the loader's task, the UI takes a snapshot on a timer
/// (batched refresh) and forwards every key to the view-model. Returns when the user presses q.
/// </summary>
public static class TuiApp
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="companion">Optional: e.g. the demo running beside a live capture; its status goes in the title.</param>
    public static void Run(CaptureLoader loader, string title, IApplication? app = null, ITuiCompanion? companion = null)
    {
        var vm = new MainViewModel();
        vm.Packets.Store = loader.Packets;
        if (companion != null) vm.CompanionKeysHelp = companion.KeysHelp;
        using var owned = app == null ? Application.Create() : null;
        app ??= owned!;
        app.Init();
        loader.Start();
        vm.Update(loader.Snapshot());
        using var window = new MainWindow(vm, title);
        void ShowCompanion() { if (companion != null) window.Title = $"{title} | {companion.Status}"; }
        ShowCompanion();
        window.Render();

        app.Keyboard.KeyDown += (_, key) =>
        {
            if (KeyNames.Of(key) is not { } name) return;
            if (companion != null && !vm.EditingFilter && !vm.ShowingHelp && companion.HandleKey(name))
            {
                key.Handled = true;
                ShowCompanion();
                return;
            }
            vm.HandleKey(name);
            key.Handled = true;
            if (vm.PauseToggled) { vm.PauseToggled = false; loader.TogglePause(); vm.Update(loader.Snapshot()); }
            if (vm.QuitRequested) { app.RequestStop(); return; }
            window.Render();
        };
        // Packets are read on a worker; show them as soon as they are in, even after the timer has stopped.
        void PacketsLoaded()
        {
            try { app.Invoke(() => { vm.Update(loader.Snapshot()); window.Render(); }); }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException) { }   // read finished as the UI closed
        }
        vm.Packets.Loaded += PacketsLoaded;
        bool finalRefreshDone = false;
        var pacing = new RefreshPacing();
        app.AddTimeout(RefreshInterval, () =>
        {
            // One more refresh after reading ends, so the last batch and the journeys appear; then stop polling.
            if (finalRefreshDone) return false;
            if (!loader.Finished && !pacing.Due()) return true;
            if (loader.Finished) finalRefreshDone = true;
            pacing.Begin();
            vm.Update(loader.Snapshot());
            ShowCompanion();
            window.Render();
            pacing.End();
            return true;
        });
        app.Run(window);
        vm.Packets.Loaded -= PacketsLoaded;
    }
}
