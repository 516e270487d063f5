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

    public static void Run(CaptureLoader loader, string title, IApplication? app = null)
    {
        var vm = new MainViewModel();
        vm.Packets.Store = loader.Packets;
        using var owned = app == null ? Application.Create() : null;
        app ??= owned!;
        app.Init();
        loader.Start();
        vm.Update(loader.Snapshot());
        using var window = new MainWindow(vm, title);
        window.Render();

        app.Keyboard.KeyDown += (_, key) =>
        {
            if (KeyNames.Of(key) is not { } name) return;
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
        app.AddTimeout(RefreshInterval, () =>
        {
            // One more refresh after reading ends, so the last batch and the journeys appear; then stop polling.
            if (finalRefreshDone) return false;
            if (loader.Finished) finalRefreshDone = true;
            vm.Update(loader.Snapshot());
            window.Render();
            return true;
        });
        app.Run(window);
        vm.Packets.Loaded -= PacketsLoaded;
    }
}
