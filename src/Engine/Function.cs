using System.Reflection;
using System.Runtime.CompilerServices;
using Djinn.Engine.Compilation;
using Djinn.Engine.Runtime;

namespace Djinn.Engine;

/// <summary>
/// A callable function: compiled guest code bound to its instance, or a host callback.
/// Values cross the boundary boxed: i32 as <see cref="int"/>, i64 as <see cref="long"/>, f32 as <see cref="float"/>,
/// f64 as <see cref="double"/>, v128 as <see cref="V128"/>, funcref as <see cref="Function"/> (or null),
/// externref as any object (or null).
/// </summary>
public sealed class Function
{
    /// <summary>A delegate of the type <see cref="SignatureDelegates.For"/> gives for <see cref="Type"/>. Called by compiled code.</summary>
    internal readonly Delegate Invoker;

    /// <summary>The canonical id of <see cref="Type"/>, compared by call_indirect.</summary>
    internal readonly int TypeId;

    internal readonly ExecutionBudget? Budget;

    internal Function(FuncType type, Delegate invoker, ExecutionBudget? budget)
    {
        Type = type;
        TypeId = FuncTypeIds.Get(type);
        Invoker = invoker;
        Budget = budget;
    }

    /// <summary>The signature.</summary>
    public FuncType Type { get; }

    /// <summary>
    /// Wraps a host callback. Parameter and return types map to value types as described on <see cref="Function"/>;
    /// <see cref="object"/> means externref; v128 may be <see cref="V128"/> or <c>Vector128&lt;byte&gt;</c>.
    /// </summary>
    public static Function FromDelegate(Delegate callback)
    {
        var type = SignatureDelegates.InferType(callback.GetType());
        var expected = SignatureDelegates.For(type);
        Delegate invoker;
        if (callback.GetType() == expected) invoker = callback;
        else if (HostShim.UsesPublicV128(callback.GetType())) invoker = HostShim.Create(callback, expected);
        else invoker = Delegate.CreateDelegate(expected, callback.Target, callback.Method);
        return new Function(type, invoker, null);
    }

    /// <summary>Calls the function. Returns the results (empty for none). Guest failures throw <see cref="TrapException"/>.</summary>
    public object?[] Invoke(params object?[] args)
    {
        if (args.Length != Type.Parameters.Count)
            throw new ArgumentException($"expected {Type.Parameters.Count} arguments, got {args.Length}");
        int resultCount = Type.Results.Count;
        var callArgs = resultCount > 1 ? new object?[args.Length + resultCount - 1] : args;
        if (resultCount > 1) Array.Copy(args, callArgs, args.Length);
        for (int i = 0; i < args.Length; i++) callArgs[i] = ValueBoxing.Coerce(Type.Parameters[i], args[i]);
        // [] -> [] (every WASI _start) skips reflection.
        object? ret = Invoker is Action action
            ? GuestCall.Run(Budget, () => { action(); return null; })
            : GuestCall.Run(Budget, () => Invoker.DynamicInvoke(callArgs));
        if (resultCount == 0) return Array.Empty<object?>();
        if (resultCount == 1) return new[] { ValueBoxing.ToPublic(ret) };
        var results = new object?[resultCount];
        results[0] = ValueBoxing.ToPublic(ret);
        for (int i = 1; i < resultCount; i++) results[i] = ValueBoxing.ToPublic(callArgs[args.Length + i - 1]);
        return results;
    }

    /// <summary>
    /// The typed delegate behind this function, for fast repeated calls (e.g. <c>AsDelegate&lt;Action&gt;()</c>). It
    /// bypasses <see cref="Invoke"/>'s normalization: with guard pages (<see cref="GuardPageTraps.Active"/>) an
    /// out-of-bounds access surfaces as <see cref="AccessViolationException"/>, not as a <see cref="TrapException"/>.
    /// </summary>
    public T AsDelegate<T>() where T : Delegate =>
        Invoker as T ?? throw new InvalidCastException($"function of type {Type} is not a {typeof(T).Name}");
}

/// <summary>Runs guest code from the host, restoring the call depth and normalizing runtime failures into traps.</summary>
internal static class GuestCall
{
    /// <summary>
    /// Stack bytes each call back into the guest from a host function raises the floor by. The frames between are
    /// measured anyway; this also bounds how deep such calls nest, because a trap unwinding through them is caught and
    /// rethrown at every level, and each rethrow is dispatched on top of the stack that is still in place.
    /// </summary>
    public const int HostFrameBytes = 16 * 1024;

    /// <summary>
    /// Calls guest code. The outermost call on a store sets the native stack floor (<see cref="NativeStack.FloorFor"/>)
    /// that every compiled function but a leaf checks on entry (see <c>EntryChecks</c>); a call back into the guest
    /// from a host function keeps it, raised by <see cref="HostFrameBytes"/> until it returns.
    /// </summary>
    public static object? Run(ExecutionBudget? budget, Func<object?> call)
    {
        nint outerFloor = budget?.StackFloor ?? NativeStack.NoFloor;
        try
        {
            if (budget is not null)
            {
                var floor = outerFloor == NativeStack.NoFloor
                    ? NativeStack.FloorFor(budget.StackLimit, budget.LargestFrameBytes)
                    : outerFloor + HostFrameBytes;
                if (NativeStack.Current() < floor) throw new TrapException(TrapCode.CallStackExhausted);
                budget.SetStackFloor(floor);
            }
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Normalize(e.InnerException);
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or AccessViolationException)
        {
            throw Normalize(e);
        }
        finally
        {
            budget?.SetStackFloor(outerFloor);
        }
    }

    /// <summary>
    /// Maps runtime failures that mean "the guest went too deep" or, with guard pages, "the guest touched an
    /// inaccessible page of its memory's reservation" to traps; anything else keeps its identity. A fault is only
    /// catchable at all in a process where <see cref="GuardPageTraps.Active"/>; compiled code reaches no other
    /// native memory, and host functions reach guest memory only through bounds-checked spans.
    /// </summary>
    public static Exception Normalize(Exception e) => e switch
    {
        TrapException => e,
        InsufficientExecutionStackException => new TrapException(TrapCode.CallStackExhausted, inner: e),
        AccessViolationException => new TrapException(TrapCode.MemoryOutOfBounds, inner: e),
        _ => e,
    };
}
