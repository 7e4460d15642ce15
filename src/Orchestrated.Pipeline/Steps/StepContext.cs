using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>What a step runs against: its storage, its settings (the task's params applied), its loggers.</summary>
public sealed record StepContext(IObjectStore Store, StepSettings Settings, ILoggerFactory Loggers);
