namespace MailSniffer.Core.Flows;

/// <summary>
/// Intrusive doubly-linked list of flows ordered by last activity (oldest first). O(1) touch, so it can run per packet;
/// the oldest flow is the first to time out or to be evicted when the table is full.
/// </summary>
public sealed class FlowActivityList
{
    private TrackedFlow? _oldest;
    private TrackedFlow? _newest;

    public int Count { get; private set; }
    public TrackedFlow? Oldest => _oldest;

    public void Touch(TrackedFlow f)
    {
        if (f.Linked)
        {
            if (_newest == f) return;
            Unlink(f);
        }
        f.OlderLink = _newest;
        f.NewerLink = null;
        if (_newest != null) _newest.NewerLink = f; else _oldest = f;
        _newest = f;
        f.Linked = true;
        Count++;
    }

    public void Remove(TrackedFlow f)
    {
        if (f.Linked) Unlink(f);
    }

    private void Unlink(TrackedFlow f)
    {
        if (f.OlderLink != null) f.OlderLink.NewerLink = f.NewerLink; else _oldest = f.NewerLink;
        if (f.NewerLink != null) f.NewerLink.OlderLink = f.OlderLink; else _newest = f.OlderLink;
        f.OlderLink = f.NewerLink = null;
        f.Linked = false;
        Count--;
    }
}
