using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// Models in storage: <c>models/&lt;name&gt;/&lt;version&gt;/</c> holds <c>model.zip</c> (ML.NET's format),
/// <c>features.json</c> (the feature list it takes, in order) and <c>metrics.json</c> (its card: <see cref="ModelCard"/>
/// for the dropout model, <see cref="AnomalyCard"/> for the anomaly detector, <see cref="EarlyWarningCard"/> for the early
/// warning); <c>models/&lt;name&gt;/published.json</c>
/// names the version that scores. A version is the date it was trained as of, so training that date again replaces it
/// rather than adding one.
/// </summary>
public sealed class ModelStore(IObjectStore store)
{
    public const string Dropout = "dropout";
    public const string Anomaly = "session_anomaly";
    public const string EarlyWarning = "early_warning";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string VersionFor(DateOnly trainedAsOf) => $"v{trainedAsOf:yyyy-MM-dd}";

    public static string Folder(string name, string version) => $"models/{name}/{version}/";

    public Task<IReadOnlyList<StoredObject>> SaveAsync(ModelCard card, DropoutModel model, CancellationToken ct) =>
        SaveAsync(card.Name, card.Version, card, card.Features, model.Save, ct);

    public async Task<IReadOnlyList<StoredObject>> SaveAsync<TCard>(string name, string version, TCard card, IReadOnlyList<string> features,
        Action<Stream> writeModel, CancellationToken ct)
    {
        var folder = Folder(name, version);
        return
        [
            await store.WriteAsync(folder + "model.zip", (s, _) => { writeModel(s); return Task.CompletedTask; }, ct),
            await store.WriteAsync(folder + "features.json", (s, t) => JsonSerializer.SerializeAsync(s, features, Json, t), ct),
            await store.WriteAsync(folder + "metrics.json", (s, t) => JsonSerializer.SerializeAsync(s, card, Json, t), ct),
        ];
    }

    public Task<StoredObject> PublishAsync(string name, string version, CancellationToken ct) =>
        store.WriteAsync($"models/{name}/published.json",
            (s, t) => JsonSerializer.SerializeAsync(s, new Dictionary<string, string> { ["version"] = version }, Json, t), ct);

    public async Task<string?> PublishedVersionAsync(string name, CancellationToken ct)
    {
        var key = $"models/{name}/published.json";
        if (await store.StatAsync(key, ct) is null) return null;
        await using var stream = await store.OpenReadAsync(key, ct);
        return (await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream, Json, ct))?.GetValueOrDefault("version");
    }

    public Task<ModelCard> CardAsync(string name, string version, CancellationToken ct) => CardAsync<ModelCard>(name, version, ct);

    public async Task<TCard> CardAsync<TCard>(string name, string version, CancellationToken ct)
    {
        var key = Folder(name, version) + "metrics.json";
        await using var stream = await store.OpenReadAsync(key, ct);
        return await JsonSerializer.DeserializeAsync<TCard>(stream, Json, ct)
            ?? throw new InvalidDataException($"{store.Describe(key)} is empty.");
    }

    public async Task<DropoutModel> ModelAsync(string name, string version, CancellationToken ct) =>
        DropoutModel.Load(await ModelStreamAsync(name, version, ct));

    /// <summary>The model file in memory: ML.NET reads the zip with seeks, which an object store's stream may not allow.</summary>
    public async Task<MemoryStream> ModelStreamAsync(string name, string version, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(Folder(name, version) + "model.zip", ct);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    public Task<IReadOnlyList<ModelCard>> ListAsync(string name, CancellationToken ct) => ListAsync<ModelCard>(name, ct);

    /// <summary>Every stored version of a model with its card, oldest first.</summary>
    public async Task<IReadOnlyList<TCard>> ListAsync<TCard>(string name, CancellationToken ct)
    {
        var versions = (await store.ListAsync($"models/{name}/", ct))
            .Where(o => o.Key.EndsWith("/metrics.json", StringComparison.Ordinal))
            .Select(o => o.Key[$"models/{name}/".Length..^"/metrics.json".Length])
            .Order(StringComparer.Ordinal).ToList();
        var cards = new List<TCard>();
        foreach (var version in versions) cards.Add(await CardAsync<TCard>(name, version, ct));
        return cards;
    }
}
