using System.CommandLine;
using MailSniffer.Cli.Input;
using MailSniffer.Cli.Output;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Flows;

namespace MailSniffer.Cli.Commands;

internal static class FlowsCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object per line (type \"flow\"; see docs/json.md), written as each flow ends." };
        var cmd = new Command("flows", "One row per TCP connection and UDP flow: endpoints, times, packets, bytes each way, gaps, how it ended.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            using var source = spec.Open();
            CaptureEngine engine;
            if (r.GetValue(json))
            {
                // Streamed as flows end (memory does not grow with the number of flows).
                using var stdout = Console.OpenStandardOutput();
                using var buffered = new BufferedStream(stdout, 1 << 16);
                using (var lines = new JsonLines(buffered))
                {
                    engine = new CaptureEngine(source, new FlowJsonStreamer(lines));
                    LiveRun.Run(engine, spec, source);
                }
                buffered.Flush();
            }
            else
            {
                var collector = new FlowCollector();
                engine = new CaptureEngine(source, collector);
                LiveRun.Run(engine, spec, source);
                FlowTable.Write(Console.Out, collector.Flows.OrderBy(f => f.Id).ToList());
            }
            EngineSummary.Write(Console.Error, engine);
            return 0;
        }));
        return cmd;
    }
}
