using System.CommandLine;
using MailSniffer.Analysis.Exposure;
using MailSniffer.Analysis.Views.Timeline;
using MailSniffer.Cli.Input;

namespace MailSniffer.Cli.Commands;

internal static class ExposureCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var json = new Option<bool>("--json") { Description = "The report as one JSON object (see docs/json.md)." };
        var reveal = new Option<bool>("--reveal") { Description = "Show passwords in clear in the text report (masked by default)." };
        var cmd = new Command("exposure", "What an eavesdropper learned: passwords and hashes, addresses, subjects, bodies, attachments sent in clear text, per hop; which hops were encrypted.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.Options.Add(reveal);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            var (builder, journeys) = TimelineCommand.Build(input, spec, r);
            var report = ExposureReport.From(builder, journeys);
            if (r.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                ExposureJson.Write(stdout, report);
            }
            else
            {
                new ExposureTextWriter { RevealSecrets = r.GetValue(reveal) }.Write(Console.Out, report);
            }
            return 0;
        }));
        return cmd;
    }
}
