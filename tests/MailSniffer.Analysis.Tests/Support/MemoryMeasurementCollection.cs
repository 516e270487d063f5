namespace MailSniffer.Analysis.Tests.Support;

/// <summary>Tests that measure heap or allocation run alone: other tests' objects would blur the numbers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurements";
}
