using System.Runtime.ExceptionServices;
using MailSniffer.Analysis.Messages;
using MailSniffer.Analysis.Model;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Events;

namespace MailSniffer.Analysis.Pipeline;

/// <summary>
/// Runs the model (MimeKit, hashing, views) on a thread of its own while the capture engine and decoders keep going
/// on the caller's thread. Calls reach the model in exactly the order they were made, so its output is byte for byte
/// what a single thread produces. Calls travel in batches (one queue operation per batch, not per event); the queue
/// holds a few batches and a batch closes at a byte budget of message content, so memory in flight is bounded
/// whatever the capture size. Usage: feed it, then <see cref="Finish"/> (or <see cref="Abandon"/> after a failure).
/// </summary>
/// <remarks>
/// Summarising messages (MimeKit, attachment hashes) is most of the model's work, so the model thread is usually the
/// slower one. Given a summarizer of its own, the caller's thread does not just wait when the queue is full: it
/// summarises queued messages, newest first (furthest from where the model is reading), and the model takes those
/// summaries instead of computing them (<see cref="IPrecomputedSummaries"/>). A summary depends only on the message's
/// bytes, so the output is the same whichever thread computed it.
/// </remarks>
public sealed class ModelHandOff : IModelInput, IPrecomputedSummaries
{
    public const int DefaultMaxBatchCalls = 1024;
    public const long DefaultMaxBatchBytes = 1L * 1024 * 1024;
    public const int DefaultMaxQueuedBatches = 8;

    private readonly IModelInput _target;
    private readonly int _maxBatchCalls;
    private readonly long _maxBatchBytes;
    // A plain monitor queue rather than BlockingCollection: its semaphore spins before blocking, and the producer
    // waiting on a full queue burnt a core's worth of spinning that the model thread needed (measured with dotnet-trace).
    private readonly object _gate = new();
    private readonly Queue<List<ModelCall>> _queue = new();
    private readonly Stack<List<ModelCall>> _emptied = new();
    private readonly int _maxQueued;
    private bool _addingCompleted;
    private readonly Thread _consumer;
    private List<ModelCall> _batch;
    private long _batchBytes;
    private volatile ExceptionDispatchInfo? _failure;
    private bool _finished;
    // Producer side only: messages handed over and perhaps not yet summarised, oldest first.
    private readonly MessageSummarizer? _helper;
    private readonly LinkedList<SummarySlot> _unsummarised = new();
    // Model side only: the message call being delivered.
    private SummarySlot? _delivering;

    /// <param name="helper">
    /// A summarizer for the caller's thread to summarise queued messages with while it waits; null to just wait.
    /// It must be configured as the model's own, or outputs would depend on timing.
    /// </param>
    public ModelHandOff(IModelInput target, int maxBatchCalls = DefaultMaxBatchCalls, long maxBatchBytes = DefaultMaxBatchBytes,
        int maxQueuedBatches = DefaultMaxQueuedBatches, MessageSummarizer? helper = null)
    {
        _helper = helper;
        _target = target;
        _maxBatchCalls = Math.Max(1, maxBatchCalls);
        _maxBatchBytes = Math.Max(1, maxBatchBytes);
        _maxQueued = Math.Max(1, maxQueuedBatches);
        _batch = new List<ModelCall>(_maxBatchCalls);
        _consumer = new Thread(Consume) { IsBackground = true, Name = "mailsniffer-model" };
        _consumer.Start();
    }

    // Flows are passed as snapshots: the engine goes on updating a FlowInfo while the model thread is behind, and the
    // model must see the values a single-threaded run would (the end record is written from them).
    public void FlowStarted(FlowInfo flow) => Add(new ModelCall(ModelCallKind.FlowStarted, flow.Snapshot(), null), 0);

    public void Emit(MailEvent e)
    {
        if (e is not MessageEvent m) { Add(new ModelCall(ModelCallKind.Event, null, e), 0); return; }
        SummarySlot? slot = null;
        if (_helper != null)
        {
            slot = new SummarySlot(m);
            // Slots the model has already passed are dropped from the old end, so the list stays as long as the queue.
            while (_unsummarised.First is { } first && Volatile.Read(ref first.Value.State) != SummarySlot.Unclaimed) _unsummarised.RemoveFirst();
            _unsummarised.AddLast(slot);
        }
        Add(new ModelCall(ModelCallKind.Event, null, e, slot), m.Content.Length);
    }

    /// <summary>Messages the caller's thread summarised for the model (for measurements and tests).</summary>
    public int SummarisedAhead { get; private set; }

    public void FlowEnded(FlowInfo flow) => Add(new ModelCall(ModelCallKind.FlowEnded, flow.Snapshot(), null), 0);

    /// <summary>
    /// Hands over what is left, summarises ahead for the model while it catches up, waits for it to take in every call,
    /// and rethrows what the model threw.
    /// </summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        if (_failure == null && _batch.Count > 0) Publish(_batch);
        CompleteAdding();
        // After the last packet the model still has up to a full queue to work through, alone: the caller's thread
        // summarises the newest of those messages meanwhile, as it does while waiting for room in the queue.
        while (_helper != null && _failure == null && TryClaimNewest(out var slot))
        {
            SummariseAhead(slot);
            lock (_gate) Monitor.PulseAll(_gate);
        }
        _consumer.Join();
        _failure?.Throw();
    }

    /// <summary>
    /// The producer failed: the model still takes in every call made so far (as it would have on one thread, before the
    /// failure), then its thread ends. A failure of the model itself is not rethrown: the producer's is the one to report.
    /// </summary>
    public void Abandon()
    {
        if (_finished) return;
        _finished = true;
        if (_failure == null && _batch.Count > 0) Publish(_batch);
        else DisposeContents(_batch);
        CompleteAdding();
        _consumer.Join();
    }

    private void Add(ModelCall call, long bytes)
    {
        if (_finished) throw new InvalidOperationException("The hand-off is finished.");
        _batch.Add(call);
        _batchBytes += bytes;
        if (_batch.Count < _maxBatchCalls && _batchBytes < _maxBatchBytes) return;
        // Stop the engine as soon as the model has failed: reading on would only produce work nobody takes.
        _failure?.Throw();
        _batch = Publish(_batch) ?? new List<ModelCall>(_maxBatchCalls);
        _batchBytes = 0;
    }

    private void Consume()
    {
        List<ModelCall>? finished = null;
        while (TryTake(finished, out var batch))
        {
            finished = batch;
            if (_failure != null) { DisposeContents(batch); continue; }
            for (int i = 0; i < batch.Count; i++)
            {
                try
                {
                    Deliver(batch[i]);
                }
                catch (Exception ex)
                {
                    // Keep draining (without delivering) so that the producer never blocks on a full queue.
                    _failure = ExceptionDispatchInfo.Capture(ex);
                    DisposeContents(batch, i + 1);
                    break;
                }
            }
        }
    }

    /// <summary>Queues a batch (waiting, or summarising ahead, while the queue is full); returns an emptied list to reuse, if any.</summary>
    private List<ModelCall>? Publish(List<ModelCall> batch)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_queue.Count < _maxQueued || _failure != null)
                {
                    _queue.Enqueue(batch);
                    Monitor.PulseAll(_gate);
                    return _emptied.Count > 0 ? _emptied.Pop() : null;
                }
                if (_helper == null || !TryClaimNewest(out var claimed))
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                Monitor.Exit(_gate);
                try
                {
                    SummariseAhead(claimed);
                }
                finally
                {
                    Monitor.Enter(_gate);
                }
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The newest message nobody has claimed; the model thread reads from the oldest end, so they rarely meet.</summary>
    private bool TryClaimNewest(out SummarySlot slot)
    {
        for (var node = _unsummarised.Last; node != null; node = node.Previous)
        {
            if (node.Value.TryClaim(SummarySlot.ProducerComputing))
            {
                slot = node.Value;
                _unsummarised.Remove(node);
                return true;
            }
        }
        slot = null!;
        return false;
    }

    private void SummariseAhead(SummarySlot slot)
    {
        try
        {
            slot.Summary = _helper!.Summarize(slot.Message.Content);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The summarizer reports hostile bytes in the summary; anything else is a bug the model thread would have
            // hit too. Leave the message to the model, which reports it the usual way.
            slot.Summary = null;
        }
        SummarisedAhead++;
        Volatile.Write(ref slot.State, SummarySlot.ProducerDone);
    }

    MessageSummary? IPrecomputedSummaries.Take(MessageEvent message)
    {
        var slot = _delivering;
        if (slot == null || !ReferenceEquals(slot.Message, message)) return null;
        if (slot.TryClaim(SummarySlot.ConsumerOwns)) return null;
        lock (_gate)
        {
            while (Volatile.Read(ref slot.State) != SummarySlot.ProducerDone) Monitor.Wait(_gate);
        }
        return slot.Summary;
    }

    private void CompleteAdding()
    {
        lock (_gate)
        {
            _addingCompleted = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The next batch, waiting for one; false once adding is complete and the queue is empty. The batch the model has
    /// just finished goes back to the producer to fill again (lists of 1,024 calls were a steady stream of garbage).
    /// </summary>
    private bool TryTake(List<ModelCall>? finished, out List<ModelCall> batch)
    {
        lock (_gate)
        {
            if (finished != null && _emptied.Count < _maxQueued)
            {
                finished.Clear();
                _emptied.Push(finished);
            }
            while (_queue.Count == 0 && !_addingCompleted) Monitor.Wait(_gate);
            if (_queue.Count == 0) { batch = null!; return false; }
            batch = _queue.Dequeue();
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    private void Deliver(ModelCall call)
    {
        switch (call.Kind)
        {
            case ModelCallKind.FlowStarted: _target.FlowStarted(call.Flow!); break;
            case ModelCallKind.Event:
                _delivering = call.Slot;
                try
                {
                    _target.Emit(call.Event!);
                }
                finally
                {
                    _delivering = null;
                    // Passed: the caller's thread must not start on it now (its content may already be disposed).
                    call.Slot?.TryClaim(SummarySlot.ConsumerOwns);
                }
                break;
            case ModelCallKind.FlowEnded: _target.FlowEnded(call.Flow!); break;
        }
    }

    /// <summary>Message contents that will never reach the model still own spill files: delete them.</summary>
    private static void DisposeContents(List<ModelCall> batch, int from = 0)
    {
        for (int i = from; i < batch.Count; i++)
            if (batch[i].Event is MessageEvent m) m.Content.Dispose();
    }
}
