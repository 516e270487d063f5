using System.CommandLine;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Views.Export;
using MailSniffer.Cli.Input;
using MailSniffer.Cli.Output;
using MailSniffer.Core.Text;

namespace MailSniffer.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory for the .eml files, attachments and all.mbox (created if missing).", Required = true };
        var cmd = new Command("export", "Write every message as an exact .eml file, its attachments, and one mbox of all messages (names sanitised, nothing overwritten).");
        input.AddTo(cmd);
        cmd.Options.Add(outDir);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            var dir = r.GetValue(outDir)!;
            dir.Create();
            using var source = spec.Open();
            using var exporter = new MessageExporter(dir.FullName, AnalysisOptions.ForStreaming());
            var analysis = new CaptureAnalysis(source, AnalysisOptions.ForStreaming(), null, exporter);
            LiveRun.Run(analysis.Engine, spec, source);
            analysis.Model.Complete();
            foreach (var m in exporter.Exported)
                Console.WriteLine(SafeText.ForTerminal(Path.GetRelativePath(dir.FullName, m.EmlPath)));
            Console.WriteLine($"# {exporter.Exported.Count} messages exported to {SafeText.ForTerminal(dir.FullName)} (mbox: {SafeText.ForTerminal(Path.GetFileName(exporter.MboxPath))})");
            EngineSummary.Write(Console.Error, analysis.Engine);
            return 0;
        }));
        return cmd;
    }
}
