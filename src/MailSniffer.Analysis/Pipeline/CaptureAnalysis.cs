using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>The whole analyzer in one object: packet source → engine → decoders → model (with its observers).</summary>
public sealed class CaptureAnalysis
{
    public CaptureAnalysis(IPacketSource source, AnalysisOptions? options = null, TcpReassemblerOptions? tcp = null, params ICaptureObserver[] observers)
    {
        Model = new CaptureModel(options, observers);
        Sink = new AnalysisSink(Model);
        Engine = new CaptureEngine(source, Sink, tcp);
    }

    public CaptureModel Model { get; }
    public AnalysisSink Sink { get; }
    public CaptureEngine Engine { get; }

    /// <summary>Reads everything (or until cancelled), closes all flows and completes the model.</summary>
    public void Run(CancellationToken cancel = default)
    {
        Engine.Run(cancel);
        Model.Complete();
    }

    /// <summary>Analyses a capture file from start to end.</summary>
    public static CaptureAnalysis RunFile(string path, AnalysisOptions? options = null, params ICaptureObserver[] observers)
    {
        using var source = CaptureFile.Open(path);
        var a = new CaptureAnalysis(source, options, null, observers);
        a.Run();
        return a;
    }
}
