using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>The instruction dispatch (https://webassembly.github.io/spec/core/exec/instructions.html).</summary>
internal sealed partial class FunctionCompiler
{
    private void Emit(in Instruction ins, long fuel)
    {
        switch (ins.Opcode)
        {
            case Opcode.Unreachable:
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.Unreachable)));
                _il.Emit(OpCodes.Throw);
                _dead = true;
                _deadDepth = 0;
                break;
            case Opcode.Nop: break;
            case Opcode.Block or Opcode.Loop or Opcode.If: EmitBlock(ins, fuel); break;
            case Opcode.Else: EmitElse(); break;
            case Opcode.End: EmitEnd(); break;
            case Opcode.Br: EmitBr(ins.A); break;
            case Opcode.BrIf: EmitBrIf(ins.A); break;
            case Opcode.BrTable: EmitBrTable(ins); break;
            case Opcode.Return: EmitReturn(); break;
            case Opcode.Call: EmitCall(ins.A); break;
            case Opcode.CallIndirect: EmitCallIndirect(ins); break;
            case Opcode.Drop: EmitDrop(); break;
            case Opcode.Select: EmitSelect(null); break;
            case Opcode.SelectTyped: EmitSelect((ValueKind)ins.A); break;
            case Opcode.LocalGet: EmitLocalGet(ins.A); break;
            case Opcode.LocalSet: EmitLocalSet(ins.A, tee: false); break;
            case Opcode.LocalTee: EmitLocalSet(ins.A, tee: true); break;
            case Opcode.GlobalGet: EmitGlobalGet(ins.A); break;
            case Opcode.GlobalSet: EmitGlobalSet(ins.A); break;
            case Opcode.I32Const: _il.Emit(OpCodes.Ldc_I4, (int)ins.A); Push(ValueKind.I32); break;
            case Opcode.I64Const: _il.Emit(OpCodes.Ldc_I8, (long)ins.C); Push(ValueKind.I64); break;
            case Opcode.F32Const: EmitF32Const(ins.A); break;
            case Opcode.F64Const: EmitF64Const(ins.C); break;
            case Opcode.RefNull: _il.Emit(OpCodes.Ldnull); Push((ValueKind)ins.A); break;
            case Opcode.RefIsNull:
                Need(1);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Pop(1);
                Push(ValueKind.I32);
                break;
            case Opcode.RefFunc:
                LoadState();
                _il.Emit(OpCodes.Ldc_I4, (int)ins.A);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.RefFunc)));
                Push(ValueKind.FuncRef);
                break;
            default:
                if (!TryEmitMemoryOrTable(ins) && !TryEmitNumeric(ins.Opcode) && !TryEmitSimd(ins))
                    throw new ValidationException(_functionIndex, ins.Offset, $"instruction {ins.Opcode} is not supported by the compiler");
                break;
        }
    }

    private void EmitDrop()
    {
        if (_ilBase < _count)
        {
            _il.Emit(OpCodes.Pop);
        }
        Pop(1);
    }

    private void EmitLocalGet(uint index)
    {
        if (index < _paramCount) _il.Emit(OpCodes.Ldarg, (short)index);
        else _il.Emit(OpCodes.Ldloc, _locals[index]!);
        bool address = _addressLocals is not null && _addressLocals.AddressAt[_pc];
        if (IsWide(index) && !address) _il.Emit(OpCodes.Conv_I4);
        Push(_localTypes[index]);
        // The 64-bit value stays on the IL stack until the load or store that takes it as its address
        // (EmitBoundsCheck); AddressLocals saw only instructions that leave it there in between.
        if (address) _zeroExtendedAddress[_count - 1] = true;
    }

    private void EmitLocalSet(uint index, bool tee)
    {
        Need(1);
        if (tee) _il.Emit(OpCodes.Dup);
        if (IsWide(index)) _il.Emit(OpCodes.Conv_U8);
        if (index < _paramCount) _il.Emit(OpCodes.Starg, (short)index);
        else _il.Emit(OpCodes.Stloc, _locals[index]!);
        if (!tee) Pop(1);
    }

    private bool IsWide(long index) => _addressLocals is not null && _addressLocals.Wide[index];

    /// <summary>
    /// Keeps the spilled locals (see <see cref="SpilledLocals"/>) in memory: their addresses are taken once, on entry,
    /// and stored to a local nothing reads, which makes RyuJIT treat them as address-exposed. It never enregisters such
    /// a local: every read and write is a load or store at its frame slot (<c>[rbp-N]</c>), which needs no register
    /// to hold a base address, unlike a <c>localloc</c> buffer, and no stack-overrun cookie.
    /// </summary>
    private void EmitSpilledLocalsInMemory()
    {
        if (_spilled is null) return;
        var sink = _il.DeclareLocal(typeof(nint));
        for (int i = 0; i < _spilled.Length; i++)
        {
            if (!_spilled[i]) continue;
            if (i < _paramCount) _il.Emit(OpCodes.Ldarga, (short)i);
            else _il.Emit(OpCodes.Ldloca, _locals[i]!);
            _il.Emit(OpCodes.Conv_U);
            _il.Emit(OpCodes.Stloc, sink);
        }
    }

    /// <summary>
    /// Sets every declared (non-parameter) wasm local to zero, as the spec requires. The methods do not zero their
    /// frames on entry (<c>InitLocals</c> is off), so the stack-check marker and the operand-stack slots, which are
    /// always written before they are read, cost nothing; RyuJIT drops these stores where a local is written first.
    /// </summary>
    private void EmitLocalsZeroing()
    {
        for (int i = _paramCount; i < _locals.Length; i++)
        {
            var local = _locals[i]!;
            switch (_localTypes[i])
            {
                case ValueKind.I32 when !IsWide(i): _il.Emit(OpCodes.Ldc_I4_0); break;
                case ValueKind.I32 or ValueKind.I64: _il.Emit(OpCodes.Ldc_I4_0); _il.Emit(OpCodes.Conv_I8); break;
                case ValueKind.F32: _il.Emit(OpCodes.Ldc_R4, 0f); break;
                case ValueKind.F64: _il.Emit(OpCodes.Ldc_R8, 0d); break;
                case ValueKind.V128:
                    _il.Emit(OpCodes.Ldloca, local);
                    _il.Emit(OpCodes.Initobj, local.LocalType);
                    continue;
                default: _il.Emit(OpCodes.Ldnull); break;
            }
            _il.Emit(OpCodes.Stloc, local);
        }
    }

    private void EmitGlobalGet(uint index)
    {
        var type = _module.GetGlobalType(index).ValueType;
        LoadField(_m.GlobalFields[index]);
        if (type is ValueKind.I32 or ValueKind.I64)
        {
            // The raw bits, read in place: a helper call is not always inlined into a large method, and C code
            // reads and writes its stack pointer global in every function with a frame.
            _m.EmitField(_il, OpCodes.Ldfld, ModuleEmitContext.GlobalBits);
            if (type == ValueKind.I32) _il.Emit(OpCodes.Conv_I4);
            Push(type);
            return;
        }
        _m.EmitCall(_il, Ops.Get(type switch
        {
            ValueKind.F32 => nameof(RuntimeOps.GlobalGetF32),
            ValueKind.F64 => nameof(RuntimeOps.GlobalGetF64),
            ValueKind.V128 => nameof(RuntimeOps.GlobalGetV128),
            _ => nameof(RuntimeOps.GlobalGetRef),
        }));
        Push(type);
    }

    private void EmitGlobalSet(uint index)
    {
        var type = _module.GetGlobalType(index).ValueType;
        Need(1);
        if (type is ValueKind.I32 or ValueKind.I64)
        {
            // Bits holds an i32 zero-extended (conv.u8 of an int32 zero-extends).
            var value = Temp(type, GlobalValueTemp);
            _il.Emit(OpCodes.Stloc, value);
            LoadField(_m.GlobalFields[index]);
            _il.Emit(OpCodes.Ldloc, value);
            if (type == ValueKind.I32) _il.Emit(OpCodes.Conv_U8);
            _m.EmitField(_il, OpCodes.Stfld, ModuleEmitContext.GlobalBits);
            Pop(1);
            return;
        }
        LoadField(_m.GlobalFields[index]);
        _m.EmitCall(_il, Ops.Get(type switch
        {
            ValueKind.F32 => nameof(RuntimeOps.GlobalSetF32),
            ValueKind.F64 => nameof(RuntimeOps.GlobalSetF64),
            ValueKind.V128 => nameof(RuntimeOps.GlobalSetV128),
            _ => nameof(RuntimeOps.GlobalSetRef),
        }));
        Pop(1);
    }

    private const int GlobalValueTemp = 700;

    private void EmitF32Const(uint bits)
    {
        float value = BitConverter.Int32BitsToSingle((int)bits);
        if (float.IsNaN(value))
        {
            // Go through the bits, in a call the JIT cannot fold, so it cannot canonicalize a NaN payload.
            _il.Emit(OpCodes.Ldc_I4, (int)bits);
            _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.F32NaNConstant)));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R4, value);
        }
        Push(ValueKind.F32);
        _foldableConstant[_count - 1] = value is 0f or 1f or -1f;
    }

    private void EmitF64Const(ulong bits)
    {
        double value = BitConverter.Int64BitsToDouble((long)bits);
        if (double.IsNaN(value))
        {
            _il.Emit(OpCodes.Ldc_I8, (long)bits);
            _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.ReinterpretI64)));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_R8, value);
        }
        Push(ValueKind.F64);
        _foldableConstant[_count - 1] = value is 0d or 1d or -1d;
    }

    private bool TryEmitMemoryOrTable(in Instruction ins)
    {
        var op = ins.Opcode;
        if (op is >= Opcode.I32Load and <= Opcode.I64Load32U)
        {
            EmitInlineLoad(op, ins.B);
            return true;
        }
        if (op is >= Opcode.I32Store and <= Opcode.I64Store32)
        {
            EmitInlineStore(op, ins.B);
            return true;
        }
        switch (op)
        {
            case Opcode.MemorySize: CallOp(nameof(RuntimeOps.MemorySize), 0, ValueKind.I32, _m.MemoryField); return true;
            case Opcode.MemoryGrow:
                CallOp(nameof(RuntimeOps.MemoryGrow), 1, ValueKind.I32, _m.MemoryField);
                ReloadMemory();
                return true;
            case Opcode.MemoryFill: CallOp(nameof(RuntimeOps.MemoryFill), 3, null, _m.MemoryField); return true;
            case Opcode.MemoryCopy: CallOp(nameof(RuntimeOps.MemoryCopy), 3, null, _m.MemoryField); return true;
            case Opcode.MemoryInit:
                Need(3);
                LoadField(_m.MemoryField!);
                LoadState();
                _il.Emit(OpCodes.Ldc_I4, (int)ins.A);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.MemoryInit)));
                Pop(3);
                return true;
            case Opcode.DataDrop:
                LoadState();
                _il.Emit(OpCodes.Ldc_I4, (int)ins.A);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.DataDrop)));
                return true;
            case Opcode.TableGet: CallOp(nameof(RuntimeOps.TableGet), 1, _module.GetTableType(ins.A).ElementType, _m.TableFields[ins.A]); return true;
            case Opcode.TableSet: CallOp(nameof(RuntimeOps.TableSet), 2, null, _m.TableFields[ins.A]); return true;
            case Opcode.TableSize: CallOp(nameof(RuntimeOps.TableSize), 0, ValueKind.I32, _m.TableFields[ins.A]); return true;
            case Opcode.TableGrow: CallOp(nameof(RuntimeOps.TableGrow), 2, ValueKind.I32, _m.TableFields[ins.A]); return true;
            case Opcode.TableFill: CallOp(nameof(RuntimeOps.TableFill), 3, null, _m.TableFields[ins.A]); return true;
            case Opcode.TableCopy:
                Need(3);
                LoadField(_m.TableFields[ins.A]);
                LoadField(_m.TableFields[ins.B]);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.TableCopy)));
                Pop(3);
                return true;
            case Opcode.TableInit:
                Need(3);
                LoadField(_m.TableFields[ins.B]);
                LoadState();
                _il.Emit(OpCodes.Ldc_I4, (int)ins.A);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.TableInit)));
                Pop(3);
                return true;
            case Opcode.ElemDrop:
                LoadState();
                _il.Emit(OpCodes.Ldc_I4, (int)ins.A);
                _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.ElemDrop)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Calls a runtime op taking <paramref name="pops"/> stack values then the given state field.</summary>
    private void CallOp(string name, int pops, ValueKind? result, System.Reflection.FieldInfo? field)
    {
        Need(pops);
        if (field is not null) LoadField(field);
        _m.EmitCall(_il, Ops.Get(name));
        Pop(pops);
        if (result is { } r) Push(r);
    }
}
