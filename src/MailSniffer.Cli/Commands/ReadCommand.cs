using System.CommandLine;
using MailSniffer.Analysis;
using MailSniffer.Analysis.Pipeline;
using MailSniffer.Analysis.Views.Json;
using MailSniffer.Analysis.Views.Text;
using MailSniffer.Cli.Input;
using MailSniffer.Cli.Output;

namespace MailSniffer.Cli.Commands;

internal static class ReadCommand
{
    public static Command Create()
    {
        var input = new CaptureInputOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object per line, streamed as events happen (see docs/json.md)." };
        var noTranscripts = new Option<bool>("--no-transcripts") { Description = "Text report without the per-conversation transcript excerpts." };
        var cmd = new Command("read", "Decode SMTP, POP3, IMAP and DNS: conversations, messages, credentials, DNS lookups and encrypted sessions.");
        input.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.Options.Add(noTranscripts);
        cmd.SetAction(r => CommandRunner.Run(() =>
        {
            var spec = input.Read(r);
            using var source = spec.Open();
            if (r.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using var buffered = new BufferedStream(stdout, 1 << 16);
                using var writer = new JsonLinesWriter(buffered);
                // A file is read in two stages (decoding and the model on one core each); a live capture is not, so
                // that each record is printed as soon as its packets arrive.
                var streaming = source is LiveInput
                    ? new CaptureAnalysis(source, AnalysisOptions.ForStreaming(), null, writer)
                    : CaptureAnalysis.CreatePipelined(source, AnalysisOptions.ForStreaming(), writer);
                try
                {
                    LiveRun.Run(streaming.Engine, spec, source);
                }
                catch
                {
                    streaming.Abandon();
                    throw;
                }
                streaming.Complete();
                writer.Flush();
                buffered.Flush();
                EngineSummary.Write(Console.Error, streaming.Engine);
                return 0;
            }
            var analysis = new CaptureAnalysis(source, AnalysisOptions.ForReport());
            LiveRun.Run(analysis.Engine, spec, source);
            analysis.Model.Complete();
            new TextReport(analysis.Model) { IncludeTranscripts = !r.GetValue(noTranscripts) }.Write(Console.Out);
            EngineSummary.Write(Console.Error, analysis.Engine);
            return 0;
        }));
        return cmd;
    }
}
