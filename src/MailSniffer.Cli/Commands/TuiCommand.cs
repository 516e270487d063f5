using System.CommandLine;
using MailSniffer.Cli.Input;
using MailSniffer.Tui.Data;
using MailSniffer.Tui.Packets;
using MailSniffer.Tui.Ui;

namespace MailSniffer.Cli.Commands;

/// <summary>`mailsniffer tui FILE` or `mailsniffer tui -i IFACE [BPF]`: the interactive terminal UI (see docs/tui.md).</summary>
internal static class TuiCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var cmd = new Command("tui", "Interactive terminal UI: conversations, transcripts, messages, credentials, timeline and DNS, from a FILE or live with -i.");
        input.AddTo(cmd);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            var source = spec.Open(CaptureLoader.LiveKernelBufferBytes);
            long? size = spec.IsLive ? null : new FileInfo(spec.File!).Length;
            Action? stop = source is LiveInput live ? live.Stop : null;
            Func<long?>? kernelDropped = source is LiveInput l ? () => l.Live.KernelDropped : null;
            IPacketStore packets = spec.IsLive ? new LivePacketRing() : new FilePacketIndex(spec.File!);
            using var loader = new CaptureLoader(source, size, stop, packets, kernelDropped);
            string title = spec.IsLive ? $"MailSniffer live: {spec.Interface}{(spec.Filter is { } f ? $" ({f})" : "")}" : $"MailSniffer: {Path.GetFileName(spec.File)}";
            TuiApp.Run(loader, title);
            return 0;
        }));
        return cmd;
    }
}
