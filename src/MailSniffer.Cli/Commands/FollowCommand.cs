using System.CommandLine;
using MailSniffer.Cli.Input;
using MailSniffer.Cli.Output;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Commands;

internal static class FollowCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var flow = new Option<long>("--flow") { Description = "Flow id, as listed by `mailsniffer flows`.", Required = true };
        var raw = new Option<string?>("--raw") { Description = "Write one direction's exact bytes (c2s or s2c) to standard output; gaps are omitted." };
        raw.AcceptOnlyFromAmong("c2s", "s2c");
        var cmd = new Command("follow", "Print one reassembled conversation, client and server turns marked, non-printables escaped (like Follow TCP Stream).");
        input.AddTo(cmd);
        cmd.Options.Add(flow);
        cmd.Options.Add(raw);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            long id = r.GetValue(flow);
            string? rawDir = r.GetValue(raw);
            using var source = spec.Open();
            if (rawDir != null)
            {
                using var stdout = Console.OpenStandardOutput();
                using var buffered = new BufferedStream(stdout, 1 << 16);
                var writer = new RawDirectionWriter(id, rawDir == "c2s" ? Direction.ClientToServer : Direction.ServerToClient, buffered);
                LiveRun.Run(new CaptureEngine(source, writer), spec, source);
                buffered.Flush();
                return writer.Found ? 0 : NotFound(id);
            }
            var printer = new FollowPrinter(id, Console.Out);
            LiveRun.Run(new CaptureEngine(source, printer), spec, source);
            return printer.Found ? 0 : NotFound(id);
        }));
        return cmd;
    }

    private static int NotFound(long id)
    {
        Console.Error.WriteLine($"mailsniffer: no flow {id} in this capture (see `mailsniffer flows`).");
        return 1;
    }
}
