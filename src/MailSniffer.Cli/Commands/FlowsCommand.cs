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
        var json = new Option<bool>("--json") { Description = "One JSON object per line (type \"flow\"; see docs/json.md)." };
        var cmd = new Command("flows", "One row per TCP connection and UDP flow: endpoints, times, packets, bytes each way, gaps, how it ended.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            var collector = new FlowCollector();
            using var source = spec.Open();
            var engine = new CaptureEngine(source, collector);
            LiveRun.Run(engine, spec, source);
            var flows = collector.Flows.OrderBy(f => f.Id).ToList();
            if (r.GetValue(json))
            {
                using var lines = new JsonLines(Console.OpenStandardOutput());
                foreach (var f in flows) lines.Write(w => FlowJson.WriteFields(w, f));
            }
            else
            {
                FlowTable.Write(Console.Out, flows);
            }
            EngineSummary.Write(Console.Error, engine);
            return 0;
        }));
        return cmd;
    }
}
