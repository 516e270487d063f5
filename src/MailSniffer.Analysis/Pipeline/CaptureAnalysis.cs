using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Engine;
using MailSniffer.Core.Tcp;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>The whole analyzer in one object: packet source → engine → decoders → model (with its observers).</summary>
public sealed class CaptureAnalysis
{
    private readonly ModelHandOff? _handOff;

    public CaptureAnalysis(IPacketSource source, AnalysisOptions? options = null, TcpReassemblerOptions? tcp = null, params ICaptureObserver[] observers)
        : this(source, options, tcp, pipelined: false, observers)
    {
    }

    private CaptureAnalysis(IPacketSource source, AnalysisOptions? options, TcpReassemblerOptions? tcp, bool pipelined, ICaptureObserver[] observers)
    {
        Model = new CaptureModel(options, observers);
        if (pipelined)
        {
            _handOff = new ModelHandOff(Model, helper: new MessageSummarizer(Model.Options, Model.SummaryCache));
            Model.PrecomputedSummaries = _handOff;
        }
        Sink = new AnalysisSink(_handOff ?? (IModelInput)Model);
        Engine = new CaptureEngine(source, Sink, tcp);
    }

    /// <summary>
    /// Two stages on two threads: engine and decoders on the caller's thread, the model and its observers on another,
    /// with the same output in the same order. When the model falls behind, the caller's thread summarises queued
    /// messages for it (<see cref="ModelHandOff"/>). Model calls are batched, so observers hear of things late: for files,
    /// not for live captures. Finish with <see cref="Run"/> or <see cref="Complete"/>, which wait for the model.
    /// </summary>
    public static CaptureAnalysis CreatePipelined(IPacketSource source, AnalysisOptions? options = null, params ICaptureObserver[] observers) =>
        new(source, options, null, pipelined: true, observers);

    public CaptureModel Model { get; }
    public AnalysisSink Sink { get; }
    public CaptureEngine Engine { get; }
    public bool IsPipelined => _handOff != null;

    /// <summary>Reads everything (or until cancelled), closes all flows and completes the model.</summary>
    public void Run(CancellationToken cancel = default)
    {
        try
        {
            Engine.Run(cancel);
        }
        catch
        {
            Abandon();
            throw;
        }
        Complete();
    }

    /// <summary>The engine failed: the model takes in what was decoded up to the failure, without completing.</summary>
    public void Abandon() => _handOff?.Abandon();

    /// <summary>After the engine has run: waits for the model thread (if any) to take in everything, then completes the model.</summary>
    public void Complete()
    {
        _handOff?.Finish();
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
